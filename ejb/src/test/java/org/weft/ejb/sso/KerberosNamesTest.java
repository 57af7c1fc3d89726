package org.weft.ejb.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KerberosNamesTest {

    @Test
    void usersOfTheServicesRealmSignIn() {
        assertEquals("alice", KerberosNames.userOf("alice@CORP.EXAMPLE", "CORP.EXAMPLE"));
        assertEquals("Bob.Smith", KerberosNames.userOf("Bob.Smith@corp.example", "CORP.EXAMPLE"));
    }

    @Test
    void otherRealmsServicesAndNamesWithoutARealmDoNot() {
        assertNull(KerberosNames.userOf("alice@PARTNER.EXAMPLE", "CORP.EXAMPLE"));
        assertNull(KerberosNames.userOf("HTTP/host.corp.example@CORP.EXAMPLE", "CORP.EXAMPLE"));
        assertNull(KerberosNames.userOf("alice", "CORP.EXAMPLE"));
        assertNull(KerberosNames.userOf("@CORP.EXAMPLE", "CORP.EXAMPLE"));
        assertNull(KerberosNames.userOf(null, "CORP.EXAMPLE"));
    }

    @Test
    void ntlmTokensAreRecognised() {
        assertTrue(KerberosNames.isNtlm("NTLMSSP\0\1\0\0\0".getBytes(StandardCharsets.ISO_8859_1)));
        assertFalse(KerberosNames.isNtlm(new byte[] {0x60, (byte) 0x82, 0x02, 0x00}));
        assertFalse(KerberosNames.isNtlm(new byte[0]));
    }
}
