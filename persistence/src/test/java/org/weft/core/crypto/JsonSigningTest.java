package org.weft.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.json.Json;

/** Signing JSON (appendices, "Signing JSON", "Checking for a Signature", "JSON Signing" vectors). */
class JsonSigningTest {

    private static final SigningKey KEY = SigningKeyTest.specKey();

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        return (Map<String, Object>) Json.parse(json);
    }

    @Test
    void appendixEmptyObject() {
        Map<String, Object> signed = JsonSigning.sign(parse("{}"), "domain", KEY);
        assertEquals(Json.canonical(parse("""
                {
                    "signatures": {
                        "domain": {
                            "ed25519:1": "K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ"
                        }
                    }
                }""")), Json.canonical(signed));
        assertTrue(JsonSigning.verify(signed, "domain", "ed25519:1", KEY.publicKey()));
    }

    @Test
    void appendixObjectWithData() {
        Map<String, Object> signed = JsonSigning.sign(parse("""
                {
                    "one": 1,
                    "two": "Two"
                }"""), "domain", KEY);
        assertEquals(Json.canonical(parse("""
                {
                    "one": 1,
                    "signatures": {
                        "domain": {
                            "ed25519:1": "KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw"
                        }
                    },
                    "two": "Two"
                }""")), Json.canonical(signed));
        assertTrue(JsonSigning.verify(signed, "domain", "ed25519:1", KEY.publicKey()));
    }

    @Test
    void unsignedIsNotSignedButKept() {
        Map<String, Object> signed = JsonSigning.sign(parse("{\"one\":1,\"two\":\"Two\",\"unsigned\":{\"age\":5}}"),
                "domain", KEY);
        assertEquals(parse("{\"age\":5}"), signed.get("unsigned"));
        // Same signature as without unsigned (the appendix vector above).
        assertEquals("KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw",
                signature(signed, "domain", "ed25519:1"));
        // Intermediaries may change unsigned without breaking the signature.
        signed.put("unsigned", parse("{\"age\":99}"));
        assertTrue(JsonSigning.verify(signed, "domain", "ed25519:1", KEY.publicKey()));
    }

    @Test
    void existingSignaturesAreKeptAndInputIsNotModified() {
        Map<String, Object> input = parse("""
                {"one": 1, "signatures": {"other.org": {"ed25519:x": "abc"}, "domain": {"ed25519:0": "def"}}}""");
        String before = Json.canonical(input);
        Map<String, Object> signed = JsonSigning.sign(input, "domain", KEY);
        assertEquals(before, Json.canonical(input));
        assertEquals("abc", signature(signed, "other.org", "ed25519:x"));
        assertEquals("def", signature(signed, "domain", "ed25519:0"));
        assertTrue(JsonSigning.verify(signed, "domain", "ed25519:1", KEY.publicKey()));
    }

    @Test
    void verifyFailsOnTamperingWrongKeyOrMissingSignature() {
        Map<String, Object> signed = JsonSigning.sign(parse("{\"one\":1}"), "domain", KEY);
        assertFalse(JsonSigning.verify(signed, "other", "ed25519:1", KEY.publicKey()));
        assertFalse(JsonSigning.verify(signed, "domain", "ed25519:2", KEY.publicKey()));
        assertFalse(JsonSigning.verify(signed, "domain", "ed25519:1", SigningKey.generate("x").publicKey()));
        Map<String, Object> tampered = new LinkedHashMap<>(signed);
        tampered.put("one", 2L);
        assertFalse(JsonSigning.verify(tampered, "domain", "ed25519:1", KEY.publicKey()));
        assertFalse(JsonSigning.verify(parse("{\"one\":1}"), "domain", "ed25519:1", KEY.publicKey()));
    }

    @Test
    void verifyFailsOnNonBase64SignatureAndNonCanonicalContent() {
        Map<String, Object> bad = parse("{\"signatures\":{\"domain\":{\"ed25519:1\":\"not base64!\"}}}");
        assertFalse(JsonSigning.verify(bad, "domain", "ed25519:1", KEY.publicKey()));
        Map<String, Object> floaty = JsonSigning.sign(parse("{\"one\":1}"), "domain", KEY);
        floaty.put("x", new BigDecimal("1.5"));
        assertFalse(JsonSigning.verify(floaty, "domain", "ed25519:1", KEY.publicKey()));
    }

    @Test
    void malformedSignaturesMemberIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> JsonSigning.sign(parse("{\"signatures\":[]}"), "domain", KEY));
    }

    @SuppressWarnings("unchecked")
    static String signature(Map<String, Object> object, String entity, String keyId) {
        Map<String, Object> signatures = (Map<String, Object>) object.get("signatures");
        return (String) ((Map<String, Object>) signatures.get(entity)).get(keyId);
    }
}
