package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET/PUT/DELETE /devices and POST /delete_devices. */
class DevicesIT extends WeftIT {

    private static final String DEVICES = "/_matrix/client/v3/devices";

    @Test
    void listGetAndRename() {
        MatrixClient.Session alice = matrix.registerUnique("devices");
        matrix.login(alice.userId(), alice.password(), Map.of("device_id", "TABLET",
                "initial_device_display_name", "Kitchen tablet")).expect(200);
        List<Object> devices = matrix.get(DEVICES, alice.accessToken()).expect(200).list("devices");
        assertEquals(2, devices.size());
        assertTrue(devices.stream().anyMatch(d -> "TABLET".equals(((Map<?, ?>) d).get("device_id"))));

        Resp tablet = matrix.get(DEVICES + "/TABLET", alice.accessToken()).expect(200);
        assertEquals("Kitchen tablet", tablet.str("display_name"));
        assertEquals("127.0.0.1", tablet.str("last_seen_ip"));
        assertTrue(((Number) tablet.get("last_seen_ts")).longValue() > 0);
        matrix.put(DEVICES + "/TABLET", alice.accessToken(), Map.of("display_name", "Hall tablet")).expect(200);
        assertEquals("Hall tablet", matrix.get(DEVICES + "/TABLET", alice.accessToken()).expect(200).str("display_name"));

        matrix.get(DEVICES + "/NOPE", alice.accessToken()).expectError(404, "M_NOT_FOUND");
        matrix.put(DEVICES + "/NOPE", alice.accessToken(), Map.of("display_name", "x")).expectError(404, "M_NOT_FOUND");
        matrix.put(DEVICES + "/TABLET", alice.accessToken(), Map.of("display_name", 7)).expectError(400, "M_BAD_JSON");
        matrix.get(DEVICES, null).expectError(401, "M_MISSING_TOKEN");
    }

    @Test
    void devicesOfOtherUsersAreInvisible() {
        MatrixClient.Session bob = matrix.registerUnique("owner");
        MatrixClient.Session eve = matrix.registerUnique("snoop");
        matrix.get(DEVICES + "/" + bob.deviceId(), eve.accessToken()).expectError(404, "M_NOT_FOUND");
    }

    @Test
    void deletingADeviceNeedsThePasswordAndRevokesItsToken() {
        MatrixClient.Session carol = matrix.registerUnique("deldev");
        Resp phone = matrix.login(carol.userId(), carol.password(), Map.of("device_id", "PHONE")).expect(200);

        // No body at all: the UIA challenge.
        Resp challenge = matrix.delete(DEVICES + "/PHONE", carol.accessToken(), null).expect(401);
        assertEquals(List.of("m.login.password"), MatrixClient.stagesOfFirstFlow(challenge));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auth", MatrixClient.passwordAuth(challenge.str("session"), carol.userId(), "wrong"));
        matrix.delete(DEVICES + "/PHONE", carol.accessToken(), body).expectError(401, "M_FORBIDDEN");
        body.put("auth", MatrixClient.passwordAuth(challenge.str("session"), carol.userId(), carol.password()));
        matrix.delete(DEVICES + "/PHONE", carol.accessToken(), body).expect(200);

        matrix.get("/_matrix/client/v3/account/whoami", phone.str("access_token")).expectError(401, "M_UNKNOWN_TOKEN");
        matrix.get(DEVICES + "/PHONE", carol.accessToken()).expectError(404, "M_NOT_FOUND");
        matrix.delete(DEVICES + "/PHONE", carol.accessToken(), Map.of()).expectError(404, "M_NOT_FOUND");
    }

    @Test
    void bulkDeleteNeedsThePasswordAndIgnoresUnknownDevices() {
        MatrixClient.Session dave = matrix.registerUnique("bulk");
        String one = matrix.login(dave.userId(), dave.password(), Map.of("device_id", "ONE")).expect(200).str("access_token");
        matrix.login(dave.userId(), dave.password(), Map.of("device_id", "TWO")).expect(200);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("devices", List.of("ONE", "TWO", "NEVER_EXISTED"));
        Resp challenge = matrix.post("/_matrix/client/v3/delete_devices", dave.accessToken(), body).expect(401);
        body.put("auth", MatrixClient.passwordAuth(challenge.str("session"), dave.userId(), dave.password()));
        matrix.post("/_matrix/client/v3/delete_devices", dave.accessToken(), body).expect(200);

        List<Object> left = matrix.get(DEVICES, dave.accessToken()).expect(200).list("devices");
        assertEquals(1, left.size());
        assertEquals(dave.deviceId(), ((Map<?, ?>) left.get(0)).get("device_id"));
        matrix.get("/_matrix/client/v3/account/whoami", one).expectError(401, "M_UNKNOWN_TOKEN");
        matrix.post("/_matrix/client/v3/delete_devices", dave.accessToken(), Map.of()).expectError(400, "M_MISSING_PARAM");
    }

    @Test
    void anApprovalToRemoveOneDeviceDoesNotRemoveAnother() {
        MatrixClient.Session erin = matrix.registerUnique("uiabind");
        matrix.login(erin.userId(), erin.password(), Map.of("device_id", "OLD")).expect(200);
        String tablet = matrix.login(erin.userId(), erin.password(), Map.of("device_id", "TABLET")).expect(200)
                .str("access_token");
        Resp challenge = matrix.delete(DEVICES + "/OLD", erin.accessToken(), null).expect(401);
        Map<String, Object> body = Map.of("auth",
                MatrixClient.passwordAuth(challenge.str("session"), erin.userId(), erin.password()));
        // The session was opened to remove OLD: it cannot be spent on TABLET, nor on a bulk delete.
        matrix.delete(DEVICES + "/TABLET", erin.accessToken(), body).expectError(403, "M_FORBIDDEN");
        matrix.post("/_matrix/client/v3/delete_devices", erin.accessToken(),
                Map.of("devices", List.of("TABLET"), "auth", body.get("auth"))).expectError(403, "M_FORBIDDEN");
        matrix.get("/_matrix/client/v3/account/whoami", tablet).expect(200);
        matrix.delete(DEVICES + "/OLD", erin.accessToken(), body).expect(200);
    }
}
