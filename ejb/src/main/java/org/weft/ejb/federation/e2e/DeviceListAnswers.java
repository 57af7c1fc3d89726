package org.weft.ejb.federation.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a device list ({@code GET /user/devices} answer) into the parts of a {@code /keys/query}
 * answer: a user's device keys (with the device's display name under {@code unsigned}, as for
 * local users), master and self-signing keys.
 */
final class DeviceListAnswers {

    private DeviceListAnswers() {
    }

    /**
     * Adds the user's entries to {@code part} (a map with {@code device_keys}, {@code master_keys}
     * and {@code self_signing_keys}).
     *
     * @param askedDevices the device IDs asked for; empty for all
     */
    @SuppressWarnings("unchecked")
    static void addTo(Map<String, Object> part, String userId, Map<String, Object> list, List<Object> askedDevices) {
        Map<String, Object> byDevice = new LinkedHashMap<>();
        if (list.get("devices") instanceof List<?> devices) {
            for (Object item : devices) {
                if (item instanceof Map<?, ?> device && device.get("device_id") instanceof String deviceId
                        && device.get("keys") instanceof Map<?, ?> keys
                        && (askedDevices.isEmpty() || askedDevices.contains(deviceId))) {
                    Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) keys);
                    if (device.get("device_display_name") instanceof String name) {
                        entry.put("unsigned", Map.of("device_display_name", name));
                    }
                    byDevice.put(deviceId, entry);
                }
            }
        }
        ((Map<String, Object>) part.get("device_keys")).put(userId, byDevice);
        if (list.get("master_key") != null) {
            ((Map<String, Object>) part.get("master_keys")).put(userId, list.get("master_key"));
        }
        if (list.get("self_signing_key") != null) {
            ((Map<String, Object>) part.get("self_signing_keys")).put(userId, list.get("self_signing_key"));
        }
    }
}
