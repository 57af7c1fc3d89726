package org.weft.core.federation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.id.ServerName;

/** The order of the m.room.server_acl rules, on the event schema's example and its edge cases. */
class ServerAclTest {

    private static final Map<String, Object> EXAMPLE = Map.of("allow_ip_literals", false,
            "allow", List.of("*"), "deny", List.of("*.evil.com", "evil.com"));

    private static boolean allows(Map<String, Object> acl, String server) {
        return ServerAcl.allows(acl, ServerName.parse(server));
    }

    @Test
    void noAclAllowsEveryone() {
        assertTrue(allows(null, "evil.com"));
    }

    @Test
    void theSchemasExampleDeniesEvilComWithAnyPortAndIpLiterals() {
        assertFalse(allows(EXAMPLE, "evil.com"));
        assertFalse(allows(EXAMPLE, "evil.com:8448"));
        assertFalse(allows(EXAMPLE, "sub.evil.com:1234"));
        assertFalse(allows(EXAMPLE, "EVIL.com"), "server names match ignoring case");
        assertFalse(allows(EXAMPLE, "1.2.3.4"));
        assertFalse(allows(EXAMPLE, "[::1]:8448"));
        assertTrue(allows(EXAMPLE, "good.example"));
        assertTrue(allows(EXAMPLE, "notevil.com"));
    }

    @Test
    void denyComesBeforeAllowAndNothingIsAllowedWithoutAnAllowList() {
        assertFalse(allows(Map.of("allow", List.of("evil.com"), "deny", List.of("evil.com")), "evil.com"));
        assertFalse(allows(Map.of("deny", List.of("evil.com")), "good.example"));
        assertTrue(allows(Map.of("allow", List.of("*.example")), "a.example"));
        assertFalse(allows(Map.of("allow", List.of("*.example")), "a.example.org"));
        assertTrue(allows(Map.of("allow", List.of("a?.example")), "ab.example"));
    }

    @Test
    void ipLiteralsAreAllowedUnlessExplicitlyFalse() {
        assertTrue(allows(Map.of("allow", List.of("*")), "1.2.3.4"));
        assertTrue(allows(Map.of("allow", List.of("*"), "allow_ip_literals", "no"), "1.2.3.4"));
    }

    @Test
    void malformedListsCountAsEmpty() {
        assertFalse(allows(Map.of("allow", "*"), "good.example"));
        assertTrue(allows(Map.of("allow", List.of(7, "*"), "deny", Map.of()), "good.example"));
    }
}
