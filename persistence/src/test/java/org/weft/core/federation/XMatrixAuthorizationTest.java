package org.weft.core.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weft.core.crypto.SigningKey;
import org.weft.core.crypto.UnpaddedBase64;

/** Server-server API, "Request Authentication": the header's syntax and the signed request JSON. */
class XMatrixAuthorizationTest {

    private static final SigningKey KEY = SigningKey.fromSeed("ed25519:1",
            UnpaddedBase64.decode("YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1"));

    @Test
    void parsesTheSpecExample() {
        XMatrixAuthorization auth = XMatrixAuthorization.parse("X-Matrix origin=\"origin.hs.example.com\","
                + "destination=\"destination.hs.example.com\",key=\"ed25519:key1\",sig=\"ABCDEF...\"");
        assertEquals(new XMatrixAuthorization("origin.hs.example.com", "destination.hs.example.com", "ed25519:key1",
                "ABCDEF..."), auth);
    }

    @Test
    void namesAreCaseInsensitiveInAnyOrderWithSpacesTokensEscapesAndUnknownParameters() {
        XMatrixAuthorization auth = XMatrixAuthorization.parse("x-matrix   SIG=\"a\\\"b\" ,\tKey=ed25519:k1 , "
                + "extra=\"ignored\",Origin=example.org:8448");
        assertEquals("example.org:8448", auth.origin());
        assertEquals("ed25519:k1", auth.keyId());
        assertEquals("a\"b", auth.signature());
        assertNull(auth.destination(), "older senders leave destination out");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer abc", "X-Matrix", "X-Matrixorigin=a", "X-Matrix origin=\"a\",key=\"k\"",
            "X-Matrix origin=\"a\",key=\"k\",sig=\"unterminated", "X-Matrix origin=a key=k sig=s",
            "X-Matrix origin=\"\",key=\"k\",sig=\"s\"", "X-Matrix =a"})
    void rejectsMalformedHeaders(String header) {
        assertThrows(IllegalArgumentException.class, () -> XMatrixAuthorization.parse(header));
    }

    @Test
    void aSignedRequestVerifiesAfterTheHeaderRoundTrip() {
        Map<String, Object> body = Map.of("pdus", java.util.List.of(), "origin", "a.example");
        XMatrixAuthorization signed = XMatrixAuthorization.sign("PUT", "/_matrix/federation/v1/send/1?x=y",
                "a.example", "b.example", body, KEY);
        XMatrixAuthorization parsed = XMatrixAuthorization.parse(signed.header());
        assertEquals(signed, parsed);
        assertTrue(parsed.verify("PUT", "/_matrix/federation/v1/send/1?x=y", body, KEY.publicKey()));
    }

    @Test
    void anyChangeToMethodTargetBodyOrDestinationBreaksTheSignature() {
        XMatrixAuthorization signed = XMatrixAuthorization.sign("GET", "/_matrix/federation/v1/media/download/abc",
                "a.example", "b.example", null, KEY);
        String uri = "/_matrix/federation/v1/media/download/abc";
        assertTrue(signed.verify("GET", uri, null, KEY.publicKey()));
        assertFalse(signed.verify("POST", uri, null, KEY.publicKey()));
        assertFalse(signed.verify("GET", uri + "?timeout_ms=1", null, KEY.publicKey()));
        assertFalse(signed.verify("GET", uri, Map.of(), KEY.publicKey()));
        XMatrixAuthorization redirected = new XMatrixAuthorization("a.example", "c.example", signed.keyId(),
                signed.signature());
        assertFalse(redirected.verify("GET", uri, null, KEY.publicKey()));
        SigningKey other = SigningKey.generate("1");
        assertFalse(signed.verify("GET", uri, null, other.publicKey()));
    }
}
