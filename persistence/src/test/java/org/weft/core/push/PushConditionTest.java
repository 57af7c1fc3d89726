package org.weft.core.push;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.weft.core.json.Json;

/** Each condition kind of "Conditions", with the spec's own examples where it gives them. */
class PushConditionTest {

    @SuppressWarnings("unchecked")
    static PushContext event(String json) {
        return new PushContext((Map<String, Object>) Json.parse(json), 5, "@alice:example.org", "Alice Smith", 0, Map.of());
    }

    static boolean holds(String condition, PushContext context) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(condition);
        return PushCondition.parse(json).matches(context);
    }

    static String topic(String value) {
        return "{\"type\":\"m.room.topic\",\"state_key\":\"\",\"content\":{\"topic\":" + value + "}}";
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"Lunch plans\"|true", "\"LUNCH\"|true", "\" lunch\"|false", "\"lunc\"|false", "null|false", "42|false"})
    void eventMatchGlobsTheWholeValueCaseInsensitively(String value, boolean expected) {
        assertTrue(expected == holds("{\"kind\":\"event_match\",\"key\":\"content.topic\",\"pattern\":\"lunc?*\"}",
                event(topic(value))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "An example event.|true", "exple|true", "An exciting triple-whammy|true", "anexample|false",
        "examples|false", "EX_ple|true", "ex-ple|true"})
    void eventMatchOnTheBodyMatchesWithinWordBoundaries(String body, boolean expected) {
        assertTrue(expected == holds("{\"kind\":\"event_match\",\"key\":\"content.body\",\"pattern\":\"ex*ple\"}",
                event("{\"type\":\"m.room.message\",\"content\":{\"body\":\"" + body + "\"}}")), body);
    }

    @Test
    void absentPropertiesNeverMatchEvenStar() {
        assertFalse(holds("{\"kind\":\"event_match\",\"key\":\"content.topic\",\"pattern\":\"*\"}",
                event("{\"type\":\"m.room.message\",\"content\":{}}")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"true|true", "\"true\"|false", "1|false"})
    void eventPropertyIsComparesExactlyWithoutCasts(String federate, boolean expected) {
        PushContext create = event("{\"type\":\"m.room.create\",\"content\":{\"m.federate\":" + federate + "}}");
        assertTrue(expected == holds("{\"kind\":\"event_property_is\",\"key\":\"content.m\\\\.federate\",\"value\":true}",
                create));
    }

    @Test
    void eventPropertyIsNullNeedsAPresentNull() {
        String condition = "{\"kind\":\"event_property_is\",\"key\":\"content.x\",\"value\":null}";
        assertTrue(holds(condition, event("{\"content\":{\"x\":null}}")));
        assertFalse(holds(condition, event("{\"content\":{}}")));
    }

    @Test
    void eventPropertyContainsLooksForAnExactArrayElement() {
        String condition = "{\"kind\":\"event_property_contains\",\"key\":\"content.alt_aliases\","
                + "\"value\":\"#myroom:example.com\"}";
        assertTrue(holds(condition, event("{\"content\":{\"alt_aliases\":[\"#somewhere:example.org\","
                + "\"#myroom:example.com\"]}}")));
        assertFalse(holds(condition, event("{\"content\":{\"alt_aliases\":[\":example.com\"]}}")));
        assertFalse(holds(condition, event("{\"content\":{\"alt_aliases\":\"#myroom:example.com\"}}")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Hi Alice Smith!|true", "alice smith, look|true", "Alice Smithers|false", "xAlice Smith|false"})
    void containsDisplayNameNeedsTheWholeName(String body, boolean expected) {
        assertTrue(expected == holds("{\"kind\":\"contains_display_name\"}",
                event("{\"content\":{\"body\":\"" + body + "\"}}")), body);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5|true", "==5|true", "<5|false", "<6|true", ">4|true", ">=5|true",
            "<=4|false", ">5|false"})
    void roomMemberCountWithEachOperator(String is, boolean expected) {
        assertTrue(expected == holds("{\"kind\":\"room_member_count\",\"is\":\"" + is + "\"}", event("{}")), is);
    }

    @Test
    void senderNotificationPermissionUsesThePowerLevels() {
        String condition = "{\"kind\":\"sender_notification_permission\",\"key\":\"room\"}";
        Map<String, Object> body = Map.of("content", Map.of("body", "@room"));
        assertFalse(PushCondition.parse(Map.of("kind", "sender_notification_permission", "key", "room"))
                .matches(new PushContext(body, 5, null, null, 0, Map.of())), "default: 50 needed");
        assertTrue(holds(condition, new PushContext(body, 5, null, null, 50, Map.of())));
        assertTrue(holds(condition, new PushContext(body, 5, null, null, 10, Map.of("room", 10L))));
    }

    @Test
    void unknownKindsNeverMatchAndBadParametersAreRefused() {
        assertInstanceOf(PushCondition.Unrecognised.class, PushCondition.parse(Map.of("kind", "org.example.future")));
        assertFalse(holds("{\"kind\":\"org.example.future\"}", event("{}")));
        assertThrows(IllegalArgumentException.class, () -> PushCondition.parse(Map.of("kind", "event_match", "key", "type")));
        assertThrows(IllegalArgumentException.class, () -> PushCondition.parse(Map.of("kind", "room_member_count", "is", "x2")));
        assertThrows(IllegalArgumentException.class, () -> PushCondition.parse(
                Map.of("kind", "event_property_is", "key", "a", "value", Map.of())));
        assertThrows(IllegalArgumentException.class, () -> PushCondition.parse(Map.of("key", "a")));
    }
}
