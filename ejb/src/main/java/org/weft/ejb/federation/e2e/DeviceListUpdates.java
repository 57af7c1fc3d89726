package org.weft.ejb.federation.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@code m.device_list_update} EDU does to a device list held here (server-server API,
 * "Device Management"): "If the receiving server does not recognise any of the prev_ids, it should
 * resync", so an update applies only on top of the version held; an update already held changes
 * nothing; anything else leaves the list stale, to be fetched again.
 */
final class DeviceListUpdates {

    /** What became of an update. */
    sealed interface Outcome permits Applied, AlreadyHeld, Stale {
    }

    /** The list with the update applied, at the update's stream ID. */
    record Applied(Map<String, Object> list, long streamId) implements Outcome {
    }

    /** The update was applied before (a resent transaction). */
    record AlreadyHeld() implements Outcome {
    }

    /** The list held cannot be brought up to date from this update. */
    record Stale() implements Outcome {
    }

    private DeviceListUpdates() {
    }

    /**
     * @param held         the list held (a {@code /user/devices} answer), or null when none is
     * @param heldStreamId its stream ID
     * @param heldIsStale  whether it is already known to be out of date
     * @param update       the EDU's content (validated: user_id, device_id and stream_id present)
     */
    @SuppressWarnings("unchecked")
    static Outcome apply(Map<String, Object> held, long heldStreamId, boolean heldIsStale, Map<?, ?> update) {
        if (held == null) {
            return new Stale();
        }
        long streamId = ((Number) update.get("stream_id")).longValue();
        if (!heldIsStale && streamId <= heldStreamId) {
            return new AlreadyHeld();
        }
        boolean follows = !heldIsStale && update.get("prev_id") instanceof List<?> prev
                && prev.stream().anyMatch(id -> id instanceof Number n && n.longValue() == heldStreamId);
        if (!follows) {
            return new Stale();
        }
        String deviceId = (String) update.get("device_id");
        List<Object> devices = new ArrayList<>();
        if (held.get("devices") instanceof List<?> existing) {
            existing.stream().filter(d -> !(d instanceof Map<?, ?> device && deviceId.equals(device.get("device_id"))))
                    .forEach(devices::add);
        }
        if (!Boolean.TRUE.equals(update.get("deleted"))) {
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("device_id", deviceId);
            if (update.get("keys") != null) {
                device.put("keys", update.get("keys"));
            }
            if (update.get("device_display_name") != null) {
                device.put("device_display_name", update.get("device_display_name"));
            }
            devices.add(device);
        }
        Map<String, Object> list = new LinkedHashMap<>((Map<String, Object>) held);
        list.put("devices", devices);
        list.put("stream_id", streamId);
        return new Applied(list, streamId);
    }
}
