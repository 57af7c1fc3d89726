package org.weft.ejb.federation.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceListAnswersTest {

    private static final Map<String, Object> LIST = Map.of("user_id", "@a:remote", "stream_id", 3,
            "devices", List.of(Map.of("device_id", "PHONE", "keys", Map.of("device_id", "PHONE"), "device_display_name", "Phone"),
                    Map.of("device_id", "LAPTOP", "keys", Map.of("device_id", "LAPTOP")),
                    Map.of("device_id", "BROKEN")),
            "master_key", Map.of("usage", List.of("master")));

    private static Map<String, Object> part() {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("device_keys", new LinkedHashMap<>());
        part.put("master_keys", new LinkedHashMap<>());
        part.put("self_signing_keys", new LinkedHashMap<>());
        return part;
    }

    @Test
    void allDevicesWhenNoneAreNamedWithTheirDisplayNamesUnsigned() {
        Map<String, Object> part = part();
        DeviceListAnswers.addTo(part, "@a:remote", LIST, List.of());
        Map<?, ?> devices = (Map<?, ?>) ((Map<?, ?>) part.get("device_keys")).get("@a:remote");
        assertEquals(List.of("PHONE", "LAPTOP"), List.copyOf(devices.keySet()), "a device without keys is left out");
        assertEquals(Map.of("device_display_name", "Phone"), ((Map<?, ?>) devices.get("PHONE")).get("unsigned"));
        assertFalse(((Map<?, ?>) devices.get("LAPTOP")).containsKey("unsigned"));
        assertEquals(LIST.get("master_key"), ((Map<?, ?>) part.get("master_keys")).get("@a:remote"));
        assertFalse(((Map<?, ?>) part.get("self_signing_keys")).containsKey("@a:remote"));
    }

    @Test
    void onlyTheNamedDevices() {
        Map<String, Object> part = part();
        DeviceListAnswers.addTo(part, "@a:remote", LIST, List.of("LAPTOP", "UNKNOWN"));
        assertEquals(List.of("LAPTOP"), List.copyOf(((Map<?, ?>) ((Map<?, ?>) part.get("device_keys")).get("@a:remote")).keySet()));
    }
}
