package org.weft.ejb.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.json.JsonObject;

class RoomEventFilterTest {

    private static Pdu event(String type, String sender, Map<String, Object> content) {
        return Pdu.of("$x", Map.of("type", type, "sender", sender, "content", content));
    }

    @Test
    void typesWithWildcardsSendersAndUrls() {
        RoomEventFilter filter = RoomEventFilter.parse(JsonObject.parseBody(
                "{\"types\":[\"m.room.*\"],\"not_types\":[\"m.room.member\"],\"not_senders\":[\"@spam:x\"],\"contains_url\":true}"));
        assertTrue(filter.matches(event("m.room.message", "@a:x", Map.of("url", "mxc://x/y"))));
        assertFalse(filter.matches(event("m.room.message", "@a:x", Map.of("body", "no url"))));
        assertFalse(filter.matches(event("m.room.member", "@a:x", Map.of("url", "mxc://x/y"))));
        assertFalse(filter.matches(event("m.reaction", "@a:x", Map.of("url", "mxc://x/y"))));
        assertFalse(filter.matches(event("m.room.message", "@spam:x", Map.of("url", "mxc://x/y"))));
        assertTrue(RoomEventFilter.typeMatches("m.*.message", "m.room.message"));
        assertFalse(RoomEventFilter.typeMatches("m.room.message", "m.room.messagex"));
    }

    @Test
    void powerLevelsBecomeIntegersOnlyWhereTheVersionDemandsIt() {
        Map<String, Object> content = Map.of("ban", "50", "users", Map.of("@a:x", " 100"), "events_default", 0L);
        assertEquals(content, PowerLevelContent.normalise(content, RoomVersion.V9));
        Map<String, Object> v10 = PowerLevelContent.normalise(content, RoomVersion.V10);
        assertEquals(50L, v10.get("ban"));
        assertEquals(Map.of("@a:x", 100L), v10.get("users"));
        Map<String, Object> restricted = PowerLevelContent.restrict(Map.of("events_default", 0L), 60);
        assertEquals(61L, restricted.get("events_default"));
        assertEquals(61L, restricted.get("invite"));
    }
}
