package org.weft.ejb.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void tokensAreRandomPrefixedAndUrlSafe() {
        String a = Tokens.newAccessToken();
        String b = Tokens.newAccessToken();
        assertNotEquals(a, b);
        assertTrue(a.matches("wfa_[A-Za-z0-9_-]{43}"), a);
        assertTrue(Tokens.newRefreshToken().startsWith("wfr_"));
    }

    @Test
    void hashIsSha256Hex() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Tokens.hash("abc"));
    }
}
