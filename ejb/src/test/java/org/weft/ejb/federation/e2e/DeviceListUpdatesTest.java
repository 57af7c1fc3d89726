package org.weft.ejb.federation.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceListUpdatesTest {

    private static final Map<String, Object> HELD = Map.of("user_id", "@a:remote", "stream_id", 5,
            "devices", List.of(Map.of("device_id", "PHONE", "keys", Map.of("k", "phone")),
                    Map.of("device_id", "LAPTOP", "keys", Map.of("k", "laptop"))));

    private static Map<String, Object> update(String deviceId, long streamId, List<Long> prevId) {
        Map<String, Object> update = new HashMap<>();
        update.put("user_id", "@a:remote");
        update.put("device_id", deviceId);
        update.put("stream_id", streamId);
        update.put("prev_id", prevId);
        return update;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> deviceIds(DeviceListUpdates.Outcome outcome) {
        Map<String, Object> list = assertInstanceOf(DeviceListUpdates.Applied.class, outcome).list();
        return ((List<Object>) list.get("devices")).stream().map(d -> ((Map<?, ?>) d).get("device_id")).map(o -> (Object) o).toList();
    }

    @Test
    void anUpdateOnTopOfTheVersionHeldAddsOrReplacesItsDevice() {
        Map<String, Object> added = update("TABLET", 6, List.of(5L));
        added.put("keys", Map.of("k", "tablet"));
        added.put("device_display_name", "Tablet");
        DeviceListUpdates.Outcome outcome = DeviceListUpdates.apply(HELD, 5, false, added);
        assertEquals(List.of("PHONE", "LAPTOP", "TABLET"), deviceIds(outcome));
        assertEquals(6L, ((DeviceListUpdates.Applied) outcome).streamId());
        assertEquals(6L, ((DeviceListUpdates.Applied) outcome).list().get("stream_id"));

        Map<String, Object> changed = update("PHONE", 6, List.of(5L));
        changed.put("keys", Map.of("k", "new phone keys"));
        assertEquals(List.of("LAPTOP", "PHONE"), deviceIds(DeviceListUpdates.apply(HELD, 5, false, changed)));
    }

    @Test
    void aDeletionRemovesTheDevice() {
        Map<String, Object> deleted = update("PHONE", 7, List.of(5L));
        deleted.put("deleted", true);
        assertEquals(List.of("LAPTOP"), deviceIds(DeviceListUpdates.apply(HELD, 5, false, deleted)));
    }

    @Test
    void aGapNoPrevIdAStaleListOrNoListAtAllMeansAResync() {
        assertInstanceOf(DeviceListUpdates.Stale.class, DeviceListUpdates.apply(HELD, 5, false, update("X", 8, List.of(7L))));
        assertInstanceOf(DeviceListUpdates.Stale.class, DeviceListUpdates.apply(HELD, 5, false, update("X", 8, List.of())));
        Map<String, Object> noPrev = update("X", 8, List.of());
        noPrev.remove("prev_id");
        assertInstanceOf(DeviceListUpdates.Stale.class, DeviceListUpdates.apply(HELD, 5, false, noPrev));
        assertInstanceOf(DeviceListUpdates.Stale.class, DeviceListUpdates.apply(HELD, 5, true, update("X", 6, List.of(5L))));
        assertInstanceOf(DeviceListUpdates.Stale.class, DeviceListUpdates.apply(null, 0, false, update("X", 6, List.of(5L))));
    }

    @Test
    void anUpdateAlreadyHeldChangesNothing() {
        assertInstanceOf(DeviceListUpdates.AlreadyHeld.class, DeviceListUpdates.apply(HELD, 5, false, update("PHONE", 5, List.of(4L))));
        assertInstanceOf(DeviceListUpdates.AlreadyHeld.class, DeviceListUpdates.apply(HELD, 5, false, update("PHONE", 3, List.of(2L))));
    }
}
