package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /pushrules/: the spec's server-default rules, with the user's own ID where the spec says so. */
class PushRulesIT extends WeftIT {

    @Test
    @SuppressWarnings("unchecked")
    void defaultRulesNameTheUser() {
        MatrixClient.Session alice = matrix.registerUnique("push");
        Map<String, Object> global = (Map<String, Object>) matrix.get("/_matrix/client/v3/pushrules/", alice.accessToken())
                .expect(200).get("global");
        List<Map<String, Object>> override = (List<Map<String, Object>>) global.get("override");
        assertEquals(".m.rule.master", override.get(0).get("rule_id"));
        assertEquals(false, override.get(0).get("enabled"));
        Map<String, Object> invite = override.stream().filter(r -> ".m.rule.invite_for_me".equals(r.get("rule_id")))
                .findFirst().orElseThrow();
        assertTrue(invite.toString().contains(alice.userId()), "" + invite);
        assertTrue(((List<?>) global.get("underride")).size() >= 4);
        matrix.get("/_matrix/client/v3/pushrules/", null).expectError(401, "M_MISSING_TOKEN");
    }
}
