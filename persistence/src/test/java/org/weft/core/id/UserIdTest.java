package org.weft.core.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** User IDs (appendices, "User Identifiers", "Historical User IDs"). */
class UserIdTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "@user:matrix.org", "@john.doe:example.com", "@a:domain", "@u:domain", "@alice:example.org:8448",
        "@a-b_c=d/e+f.0:[::1]:8448",
        // historical localparts from other servers must be accepted
        "@Alice:example.org", "@:example.org", "@caf\u00e9:example.org", "@sp ace:example.org",
        "@\u0001ctl:example.org", "@emoji\uD83D\uDE00:example.org", "@*:example.org"
    })
    void valid(String id) {
        assertEquals(id, UserId.parse(id).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "@", "alice:example.org", "#alice:example.org", "@alice", "@alice:", "@alice:bad_host",
        "@alice:example.org:0", "@nul\u0000:example.org", "@lone\uD800:example.org"
    })
    void invalid(String id) {
        assertThrows(IllegalArgumentException.class, () -> UserId.parse(id));
    }

    @Test
    void nullRejected() {
        assertThrows(IllegalArgumentException.class, () -> UserId.parse(null));
    }

    @Test
    void splitsAtFirstColon() {
        UserId id = UserId.parse("@alice:example.org:8448");
        assertEquals("alice", id.localpart());
        assertEquals(ServerName.parse("example.org:8448"), id.server());
        assertEquals(id, UserId.of("alice", ServerName.parse("example.org:8448")));
    }

    @Test
    void lengthLimitIs255BytesOfWholeId() {
        // "@" + localpart + ":" + "example.org" (11) = 255 bytes
        String local = "a".repeat(255 - 13);
        assertEquals(255, UserId.parse("@" + local + ":example.org").toString().length());
        assertThrows(IllegalArgumentException.class, () -> UserId.parse("@" + local + "a:example.org"));
        // Bytes, not chars: 122 two-byte characters are 244 bytes, 257 with the rest.
        String wide = "\u00e9".repeat(122);
        assertThrows(IllegalArgumentException.class, () -> UserId.parse("@" + wide + ":example.org"));
        assertThrows(IllegalArgumentException.class,
                () -> UserId.of(wide, ServerName.parse("example.org")));
        assertEquals(121, UserId.parse("@" + "\u00e9".repeat(121) + ":example.org").localpart().length());
    }

    @Test
    void newLocalpartGrammar() {
        assertTrue(UserId.isValidNewLocalpart("alice"));
        assertTrue(UserId.isValidNewLocalpart("a.b_c=d-e/f+g0123456789"));
        assertFalse(UserId.isValidNewLocalpart(""));
        assertFalse(UserId.isValidNewLocalpart(null));
        assertFalse(UserId.isValidNewLocalpart("Alice"));
        assertFalse(UserId.isValidNewLocalpart("al ice"));
        assertFalse(UserId.isValidNewLocalpart("a:b"));
        assertFalse(UserId.isValidNewLocalpart("a*"));
        assertFalse(UserId.isValidNewLocalpart("caf\u00e9"));
        assertFalse(UserId.isValidNewLocalpart("@alice"));
    }

    @Test
    void compliance() {
        assertTrue(UserId.parse("@alice:example.org").isCompliant());
        assertTrue(UserId.parse("@Alice!:example.org").isCompliant());
        assertFalse(UserId.parse("@:example.org").isCompliant());
        assertFalse(UserId.parse("@a b:example.org").isCompliant());
        assertFalse(UserId.parse("@caf\u00e9:example.org").isCompliant());
    }
}
