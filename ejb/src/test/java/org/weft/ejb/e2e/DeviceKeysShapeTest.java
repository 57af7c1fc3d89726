package org.weft.ejb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;

/** The DeviceKeys object of POST /keys/upload: what the spec requires, or 400 M_BAD_JSON. */
class DeviceKeysShapeTest {

    private static Map<String, Object> good() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("user_id", "@alice:example.org");
        keys.put("device_id", "JLAFKJWSCS");
        keys.put("algorithms", List.of("m.olm.v1.curve25519-aes-sha2", "m.megolm.v1.aes-sha2"));
        keys.put("keys", Map.of("curve25519:JLAFKJWSCS", "3C5BFWi2Y8MaVvjM8M22DBmh24PmgR0nPvJOIArzgyI",
                "ed25519:JLAFKJWSCS", "lEuiRJBit0IG6nUf5pUzWTUEsRVVe/HJkoKuEww9ULI"));
        keys.put("signatures", Map.of("@alice:example.org", Map.of("ed25519:JLAFKJWSCS", "dSO80A01XiigH3uBiDVx/EjzaoycHcjq9lfQX0uWsqxl2giMIiSPR8a4d291W1ihKJL/a+myXS367WT6NAIcBA")));
        return keys;
    }

    @Test
    void theSpecsExampleIsAccepted() {
        E2eKeysService.checkDeviceKeysShape(good());
    }

    @Test
    void missingIdsAndMistypedFieldsAreBadJson() {
        for (String field : List.of("user_id", "device_id")) {
            Map<String, Object> missing = good();
            missing.remove(field);
            assertEquals(ErrCode.M_BAD_JSON, refusal(missing), field + " missing");
        }
        for (String field : List.of("user_id", "device_id", "algorithms", "keys", "signatures")) {
            Map<String, Object> mistyped = good();
            mistyped.put(field, 42);
            assertEquals(ErrCode.M_BAD_JSON, refusal(mistyped), field + " of the wrong type");
        }
        Map<String, Object> keyNotAString = good();
        keyNotAString.put("keys", Map.of("ed25519:X", 1));
        assertEquals(ErrCode.M_BAD_JSON, refusal(keyNotAString));
        Map<String, Object> algorithmNotAString = good();
        algorithmNotAString.put("algorithms", List.of(1));
        assertEquals(ErrCode.M_BAD_JSON, refusal(algorithmNotAString));
    }

    @Test
    void algorithmsKeysAndSignaturesMayBeLeftOut() {
        // As Synapse accepts, and SyTest's key-change tests upload.
        Map<String, Object> minimal = good();
        minimal.remove("algorithms");
        minimal.remove("signatures");
        minimal.remove("keys");
        E2eKeysService.checkDeviceKeysShape(minimal);
    }

    private static ErrCode refusal(Map<String, Object> deviceKeys) {
        return assertThrows(MatrixException.class, () -> E2eKeysService.checkDeviceKeysShape(deviceKeys)).errcode();
    }
}
