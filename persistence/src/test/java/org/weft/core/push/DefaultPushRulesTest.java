package org.weft.core.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.json.Json;

/** The server-default rules ("Predefined Rules") deciding about typical events for @alice. */
class DefaultPushRulesTest {

    private static final String ALICE = "@alice:example.org";
    private final PushRuleSet rules = DefaultPushRules.standard();

    private PushContext in(long members, String event) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new LinkedHashMap<>((Map<String, Object>) Json.parse(event));
        json.putIfAbsent("sender", "@bob:example.org");
        json.putIfAbsent("room_id", "!room:example.org");
        return new PushContext(json, members, ALICE, "Alice Smith", 0, Map.of());
    }

    private String decidedBy(long members, String event) {
        return rules.match(in(members, event)).map(PushRule::ruleId).orElse(null);
    }

    @Test
    void theOrderIsTheSpecs() {
        List<String> ids = rules.rules().stream().map(PushRule::ruleId).toList();
        assertEquals(List.of(".m.rule.master", ".m.rule.suppress_notices", ".m.rule.invite_for_me",
                ".m.rule.member_event", ".m.rule.is_user_mention", ".m.rule.contains_display_name",
                ".m.rule.is_room_mention", ".m.rule.roomnotif", ".m.rule.tombstone", ".m.rule.reaction",
                ".m.rule.room.server_acl", ".m.rule.suppress_edits", ".m.rule.contains_user_name", ".m.rule.call",
                ".m.rule.encrypted_room_one_to_one", ".m.rule.room_one_to_one", ".m.rule.message",
                ".m.rule.encrypted"), ids);
    }

    @Test
    void messagesNotifyAndOneToOneRoomsAlsoRing() {
        String message = "{\"type\":\"m.room.message\",\"content\":{\"msgtype\":\"m.text\",\"body\":\"hello\"}}";
        assertEquals(".m.rule.message", decidedBy(5, message));
        PushActions group = rules.evaluate(in(5, message));
        assertTrue(group.notifies());
        assertFalse(group.highlight());
        assertEquals(null, group.sound());
        assertEquals(".m.rule.room_one_to_one", decidedBy(2, message));
        assertEquals("default", rules.evaluate(in(2, message)).sound());
        assertEquals(".m.rule.encrypted", decidedBy(5, "{\"type\":\"m.room.encrypted\",\"content\":{}}"));
        assertEquals(".m.rule.encrypted_room_one_to_one", decidedBy(2, "{\"type\":\"m.room.encrypted\",\"content\":{}}"));
        assertEquals("ring", rules.evaluate(in(2, "{\"type\":\"m.call.invite\",\"content\":{}}")).sound());
    }

    @Test
    void noticesMembershipReactionsAndEditsStayQuiet() {
        assertFalse(rules.evaluate(in(5, "{\"type\":\"m.room.message\",\"content\":{\"msgtype\":\"m.notice\","
                + "\"body\":\"bot\"}}")).notifies());
        assertFalse(rules.evaluate(in(5, "{\"type\":\"m.room.member\",\"state_key\":\"@carol:example.org\","
                + "\"content\":{\"membership\":\"join\"}}")).notifies());
        assertFalse(rules.evaluate(in(5, "{\"type\":\"m.reaction\",\"content\":{}}")).notifies());
        assertFalse(rules.evaluate(in(5, "{\"type\":\"m.room.message\",\"content\":{\"body\":\"* fix\","
                + "\"m.relates_to\":{\"rel_type\":\"m.replace\",\"event_id\":\"$e\"}}}")).notifies());
    }

    @Test
    void anInviteForMeNotifiesWithSound() {
        PushActions invite = rules.evaluate(in(5, "{\"type\":\"m.room.member\",\"state_key\":\"" + ALICE + "\","
                + "\"content\":{\"membership\":\"invite\"}}"));
        assertTrue(invite.notifies());
        assertEquals("default", invite.sound());
    }

    @Test
    void mentionsHighlight() {
        PushActions mention = rules.evaluate(in(5, "{\"type\":\"m.room.message\",\"content\":{\"body\":\"hey\","
                + "\"m.mentions\":{\"user_ids\":[\"" + ALICE + "\"]}}}"));
        assertTrue(mention.notifies());
        assertTrue(mention.highlight());
        // @room needs the sender's power (50 by default); the room mention rule needs the same.
        String room = "{\"type\":\"m.room.message\",\"content\":{\"body\":\"@room meeting\",\"m.mentions\":{\"room\":true}}}";
        assertFalse(rules.evaluate(in(5, room)).highlight());
        Map<String, Object> event = in(5, room).event();
        assertTrue(rules.evaluate(new PushContext(event, 5, ALICE, "Alice Smith", 100, Map.of())).highlight());
        assertTrue(rules.evaluate(in(5, "{\"type\":\"m.room.tombstone\",\"state_key\":\"\",\"content\":{}}")).highlight());
    }

    @Test
    void legacyBodyMentionsCountOnlyWithoutIntentionalMentions() {
        assertEquals(".m.rule.contains_display_name", decidedBy(5,
                "{\"type\":\"m.room.message\",\"content\":{\"body\":\"thanks Alice Smith!\"}}"));
        assertEquals(".m.rule.contains_user_name", decidedBy(5,
                "{\"type\":\"m.room.message\",\"content\":{\"body\":\"ask ALICE about it\"}}"));
        // With m.mentions the message says whom it mentions: a name in a reply's quote is no mention.
        assertEquals(".m.rule.message", decidedBy(5,
                "{\"type\":\"m.room.message\",\"content\":{\"body\":\"> <Alice> hi\",\"m.mentions\":{}}}"));
    }

    @Test
    void preparedMatchingDecidesAsPlainMatchingForEveryUser() {
        List<String> events = List.of(
                "{\"type\":\"m.room.message\",\"content\":{\"msgtype\":\"m.text\",\"body\":\"hello alice\"}}",
                "{\"type\":\"m.room.message\",\"content\":{\"body\":\"x\",\"m.mentions\":{\"user_ids\":[\"" + ALICE + "\"]}}}",
                "{\"type\":\"m.room.member\",\"state_key\":\"" + ALICE + "\",\"content\":{\"membership\":\"invite\"}}",
                "{\"type\":\"m.room.message\",\"content\":{\"msgtype\":\"m.notice\",\"body\":\"Alice Smith\"}}",
                "{\"type\":\"m.room.encrypted\",\"content\":{}}");
        for (String event : events) {
            for (long members : new long[] {2, 5}) {
                PushContext room = in(members, event).forUser(null, null);
                PushRuleSet.Prepared prepared = rules.prepare(room);
                for (String user : List.of(ALICE, "@bob:example.org")) {
                    PushContext context = room.forUser(user, user.equals(ALICE) ? "Alice Smith" : "Bob");
                    assertEquals(rules.match(context).map(PushRule::ruleId).orElse(null),
                            java.util.Optional.ofNullable(prepared.match(context)).map(PushRule::ruleId).orElse(null),
                            event + " for " + user);
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void clientsSeeTheirOwnIdAndLocalpartInTheDefaults() {
        Map<String, Object> json = rules.toJson(ALICE);
        String text = Json.write(json);
        assertTrue(text.contains("\"" + ALICE + "\""), text);
        assertTrue(text.contains("\"pattern\":\"alice\""), text);
        assertFalse(text.contains("u0001"), text);
    }

    @Test
    void theMasterRuleSilencesEverything() {
        Map<String, List<PushRule>> defaults = new LinkedHashMap<>(DefaultPushRules.rules());
        List<PushRule> override = new java.util.ArrayList<>(defaults.get("override"));
        Map<String, Object> master = new LinkedHashMap<>(override.get(0).json());
        master.put("enabled", true);
        override.set(0, PushRule.of("override", master));
        defaults.put("override", override);
        PushRuleSet silenced = PushRuleSet.of(Map.of(), defaults);
        assertFalse(silenced.evaluate(in(2, "{\"type\":\"m.room.message\",\"content\":{\"body\":\"hi\"}}")).notifies());
    }

    @Test
    void userRulesComeBeforeDefaultsOfTheirKindButAfterTheMaster() {
        PushRule mute = PushRule.of("room", Map.of("rule_id", "!room:example.org", "default", false, "enabled", true,
                "actions", List.of()));
        PushRuleSet withMute = PushRuleSet.of(Map.of("room", List.of(mute)), DefaultPushRules.rules());
        assertEquals("!room:example.org", withMute.match(in(5, "{\"type\":\"m.room.message\",\"content\":{\"body\":\"x\"}}"))
                .orElseThrow().ruleId());
        assertEquals(".m.rule.master", withMute.rules().get(0).ruleId());
    }
}
