package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.json.Json;

/** Push rules API ("Push Rules: API", "Push Rules: Events"): defaults, the user's own rules, changes, errors. */
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

    private static final String RULES = "/_matrix/client/v3/pushrules/global/";

    @Test
    void ownRulesAreAddedOrderedChangedAndDeleted() {
        MatrixClient.Session bob = matrix.registerUnique("rules");
        String token = bob.accessToken();
        matrix.put(RULES + "content/cake", token, Map.of("pattern", "cake*lie", "actions", List.of("notify"))).expect(200);
        Map<String, Object> cake = matrix.get(RULES + "content/cake", token).expect(200).json();
        assertEquals(Map.of("rule_id", "cake", "default", false, "enabled", true, "pattern", "cake*lie",
                "actions", List.of("notify")), cake);
        assertEquals(List.of("cake", ".m.rule.contains_user_name"), ids(matrix.get(RULES, token).expect(200).json(), "content"));

        // Without before/after a new rule is the most important; after/before place it among the user's rules.
        Map<String, Object> rule = Map.of("conditions", List.of(Map.of("kind", "event_match", "key", "type",
                "pattern", "org.example.*")), "actions", List.of());
        matrix.put(RULES + "override/a", token, rule).expect(200);
        matrix.put(RULES + "override/b", token, rule).expect(200);
        matrix.put(RULES + "override/c?after=a", token, rule).expect(200);
        matrix.put(RULES + "override/d?before=b", token, rule).expect(200);
        List<String> override = ids(matrix.get(RULES, token).expect(200).json(), "override");
        assertEquals(List.of(".m.rule.master", "d", "b", "a", "c", ".m.rule.suppress_notices"), override.subList(0, 6));
        matrix.put(RULES + "override/e?before=nothere", token, rule).expectError(400, "M_UNKNOWN");
        matrix.put(RULES + "override/e?after=.m.rule.master", token, rule).expectError(400, "M_UNKNOWN");

        // Enabled and actions, of own and server-default rules.
        matrix.put(RULES + "content/cake/enabled", token, Map.of("enabled", false)).expect(200);
        assertEquals(false, matrix.get(RULES + "content/cake/enabled", token).expect(200).get("enabled"));
        matrix.put(RULES + "content/cake", token, Map.of("pattern", "pie", "actions", List.of())).expect(200);
        assertEquals(false, matrix.get(RULES + "content/cake", token).expect(200).get("enabled"), "stays off");
        matrix.put(RULES + "override/.m.rule.master/enabled", token, Map.of("enabled", true)).expect(200);
        assertEquals(true, matrix.get(RULES + "override/.m.rule.master", token).expect(200).get("enabled"));
        List<Object> loud = List.of("notify", Map.of("set_tweak", "sound", "value", "default"));
        matrix.put(RULES + "underride/.m.rule.message/actions", token, Map.of("actions", loud)).expect(200);
        assertEquals(loud, matrix.get(RULES + "underride/.m.rule.message/actions", token).expect(200).get("actions"));

        matrix.delete(RULES + "override/a", token, null).expect(200);
        matrix.get(RULES + "override/a", token).expectError(404, "M_NOT_FOUND");
        matrix.delete(RULES + "override/a", token, null).expectError(404, "M_NOT_FOUND");

        // Other clients learn of changes from the m.push_rules account data.
        Resp sync = matrix.get("/_matrix/client/v3/sync", token).expect(200);
        String pushRules = Json.write(((Map<?, ?>) sync.get("account_data")).get("events"));
        assertTrue(pushRules.contains("\"m.push_rules\"") && pushRules.contains("\"pie\""), pushRules);
    }

    @Test
    void badRulesAndServerRulesAreRefused() {
        String token = matrix.registerUnique("badrules").accessToken();
        Map<String, Object> quiet = Map.of("actions", List.of());
        matrix.put(RULES + "override/.m.rule.mine", token, quiet).expectError(400, "M_INVALID_PARAM");
        matrix.put(RULES + "sideways/x", token, quiet).expectError(400, "M_INVALID_PARAM");
        matrix.put(RULES + "content/nopattern", token, quiet).expectError(400, "M_INVALID_PARAM");
        matrix.put(RULES + "override/x", token, Map.of("actions", "notify")).expectError(400, "M_BAD_JSON");
        matrix.put(RULES + "override/x", token, Map.of("actions", List.of("explode"))).expectError(400, "M_INVALID_PARAM");
        matrix.put(RULES + "override/x", token, Map.of("actions", List.of(), "conditions",
                List.of(Map.of("kind", "room_member_count", "is", "lots")))).expectError(400, "M_INVALID_PARAM");
        matrix.put(RULES + "content/greedy", token, Map.of("pattern", "a*b*c*d*e*f", "actions", List.of()))
                .expectError(400, "M_INVALID_PARAM");
        matrix.put(RULES + "override/loud", token, Map.of("actions", List.of(Map.of("set_tweak", "x",
                "value", "y".repeat(5000))))).expectError(400, "M_INVALID_PARAM");
        matrix.delete(RULES + "override/.m.rule.master", token, null).expectError(400, "M_INVALID_PARAM");
        matrix.get(RULES + "override/nothere", token).expectError(404, "M_NOT_FOUND");
        matrix.put(RULES + "override/nothere/enabled", token, Map.of("enabled", true)).expectError(404, "M_NOT_FOUND");
        matrix.put(RULES + "override/.m.rule.master/enabled", token, Map.of("enabled", "yes")).expectError(400, "M_BAD_JSON");
        matrix.put(RULES + "override/.m.rule.master/actions", token, Map.of("actions", List.of(7)))
                .expectError(400, "M_INVALID_PARAM");
        // Nothing of the refused requests was stored.
        assertEquals(List.of(".m.rule.master", ".m.rule.suppress_notices"),
                ids(matrix.get(RULES, token).expect(200).json(), "override").subList(0, 2));
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> global, String kind) {
        return ((List<Map<String, Object>>) global.get(kind)).stream().map(r -> (String) r.get("rule_id")).toList();
    }
}
