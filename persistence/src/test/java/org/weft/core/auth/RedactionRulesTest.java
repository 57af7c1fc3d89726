package org.weft.core.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.json.Json;

/** rooms/fragments/v3-handling-redactions.md: when an authorised redaction is applied. */
class RedactionRulesTest {

    @SuppressWarnings("unchecked")
    private static Pdu event(String id, String text) {
        return Pdu.of(id, (Map<String, Object>) Json.parse(text));
    }

    private static final Pdu CREATE = event("$c", """
            {"type":"m.room.create","state_key":"","sender":"@alice:a.example","room_id":"!r:a.example",
             "content":{"creator":"@alice:a.example"}}""");
    private static final PowerLevels LEVELS = PowerLevels.of(event("$p", """
            {"type":"m.room.power_levels","state_key":"","sender":"@alice:a.example","room_id":"!r:a.example",
             "content":{"users":{"@alice:a.example":100,"@carol:a.example":50}}}"""), CREATE, RoomVersion.V10);
    private static final Pdu BOB_MESSAGE = event("$m", """
            {"type":"m.room.message","sender":"@bob:b.example","room_id":"!r:a.example","content":{}}""");

    private static Pdu redaction(String sender) {
        return event("$r", "{\"type\":\"m.room.redaction\",\"sender\":\"" + sender
                + "\",\"room_id\":\"!r:a.example\",\"content\":{\"redacts\":\"$m\"}}");
    }

    @Test
    void redactLevelApplies() {
        assertTrue(RedactionRules.shouldApply(redaction("@carol:a.example"), BOB_MESSAGE, LEVELS, RoomVersion.V10));
    }

    @Test
    void sameServerAsOriginalSenderApplies() {
        assertTrue(RedactionRules.shouldApply(redaction("@bob:b.example"), BOB_MESSAGE, LEVELS, RoomVersion.V10));
        assertTrue(RedactionRules.shouldApply(redaction("@bob2:b.example"), BOB_MESSAGE, LEVELS, RoomVersion.V3));
    }

    @Test
    void otherServerWithoutRedactLevelWaits() {
        assertFalse(RedactionRules.shouldApply(redaction("@hank:c.example"), BOB_MESSAGE, LEVELS, RoomVersion.V11));
    }

    @Test
    void v1AndV2AlreadyDecidedByTheAuthRule() {
        assertTrue(RedactionRules.shouldApply(redaction("@hank:c.example"), BOB_MESSAGE, LEVELS, RoomVersion.V1));
    }
}
