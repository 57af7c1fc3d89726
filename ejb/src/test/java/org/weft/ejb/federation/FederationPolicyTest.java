package org.weft.ejb.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.ejb.config.WeftSettings;

/** The operator's federation allow and deny lists. */
class FederationPolicyTest {

    private static FederationPolicy policy(Map<String, String> settings) {
        FederationPolicy policy = new FederationPolicy();
        policy.settings = new WeftSettings(settings::get);
        return policy;
    }

    private static boolean allows(FederationPolicy policy, String server) {
        return policy.allows(ServerName.parse(server));
    }

    @Test
    void everyServerByDefault() {
        assertTrue(allows(policy(Map.of()), "anyone.example:8448"));
    }

    @Test
    void onlyTheAllowedServersWhenThereIsAnAllowList() {
        FederationPolicy partners = policy(Map.of("weft.federation.allowed_servers", "partner.example, *.corp.example"));
        assertTrue(allows(partners, "partner.example"));
        assertTrue(allows(partners, "chat.corp.example:8448"));
        assertFalse(allows(partners, "other.example"));
    }

    @Test
    void theDenyListWinsOverTheAllowList() {
        FederationPolicy policy = policy(Map.of("weft.federation.allowed_servers", "*.corp.example",
                "weft.federation.denied_servers", "old.corp.example"));
        assertFalse(allows(policy, "old.corp.example"));
        assertTrue(allows(policy, "new.corp.example"));
    }

    @Test
    void nobodyWhenFederationIsOffAndTheErrorSaysSo() {
        FederationPolicy off = policy(Map.of("weft.federation.enabled", "false"));
        assertFalse(allows(off, "partner.example"));
        MatrixException refused = assertThrows(MatrixException.class, () -> off.requireAllowed(ServerName.parse("a.example")));
        assertEquals(403, refused.status());
        assertTrue(refused.getMessage().contains("disabled"));
    }
}
