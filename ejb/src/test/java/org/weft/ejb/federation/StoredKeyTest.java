package org.weft.ejb.federation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which stored key may verify what (server-server API, "Validating hashes and signatures"). */
class StoredKeyTest {

    private static final byte[] KEY = new byte[32];

    @Test
    void aCurrentKeyVerifiesWithinItsValidityOrAnythingWhenValidityIsNotEnforced() {
        ServerKeyStore.StoredKey current = new ServerKeyStore.StoredKey(KEY, 1_000, null);
        assertTrue(current.validAt(1_000, true));
        assertFalse(current.validAt(1_001, true), "room versions 5+: the key must be valid at the event's time");
        assertTrue(current.validAt(5_000, false), "room versions 1-4 do not enforce validity");
    }

    @Test
    void anOldKeyVerifiesOnlyWhatWasSignedBeforeItExpired() {
        ServerKeyStore.StoredKey old = new ServerKeyStore.StoredKey(KEY, 900, 1_000L);
        assertTrue(old.validAt(999, true));
        assertFalse(old.validAt(1_000, true));
        assertFalse(old.validAt(1_000, false), "expiry holds in every room version");
    }
}
