package org.weft.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.json.Json;

/** Defaults and lookups of {@link PowerLevels} (client-server API, m.room.power_levels). */
class PowerLevelsTest {

    private static Pdu event(String id, String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) Json.parse(json);
        return Pdu.of(id, map);
    }

    private static final Pdu CREATE = event("$c", """
            {"type":"m.room.create","state_key":"","sender":"@alice:a.example",
             "room_id":"!r:a.example","content":{"creator":"@carol:a.example"}}""");

    @Test
    void withoutPowerLevelsEvent() {
        PowerLevels levels = PowerLevels.of(null, CREATE, RoomVersion.V10);
        assertFalse(levels.exists());
        // v1-v10: the creator is content.creator.
        assertEquals(100, levels.userLevel("@carol:a.example"));
        assertEquals(0, levels.userLevel("@alice:a.example"));
        assertEquals(0, levels.requiredForEvent("m.room.message", false));
        // Spec v1.19: state_default is 50 also without a power levels event (MSC1304).
        assertEquals(50, levels.requiredForEvent("m.room.name", true));
        assertEquals(50, levels.ban());
        assertEquals(50, levels.kick());
        assertEquals(50, levels.redact());
        assertEquals(0, levels.invite());
        assertEquals(OptionalLong.of(50), levels.notification("room"));
        assertEquals(OptionalLong.empty(), levels.notification("other"));
    }

    @Test
    void v11CreatorIsTheCreateSender() {
        PowerLevels levels = PowerLevels.of(null, CREATE, RoomVersion.V11);
        assertEquals(100, levels.userLevel("@alice:a.example"));
        assertEquals(0, levels.userLevel("@carol:a.example"));
        assertEquals("@alice:a.example", PowerLevels.creatorOf(CREATE, RoomVersion.V11));
        assertEquals("@carol:a.example", PowerLevels.creatorOf(CREATE, RoomVersion.V1));
    }

    @Test
    void emptyPowerLevelsEventUsesDefaultsAndNoCreatorBonus() {
        PowerLevels levels = PowerLevels.of(event("$p", """
                {"type":"m.room.power_levels","state_key":"","content":{}}"""), CREATE, RoomVersion.V10);
        assertTrue(levels.exists());
        assertEquals(0, levels.userLevel("@carol:a.example"));
        assertEquals(50, levels.stateDefault());
        assertEquals(0, levels.eventsDefault());
        assertEquals(0, levels.usersDefault());
    }

    @Test
    void explicitValues() {
        PowerLevels levels = PowerLevels.of(event("$p", """
                {"type":"m.room.power_levels","state_key":"","content":{
                  "users":{"@bob:b.example":30},"users_default":5,"events_default":7,"state_default":60,
                  "events":{"m.room.name":80,"m.reaction":1},"ban":90,"kick":70,"redact":65,"invite":20,
                  "notifications":{"room":15}}}"""), CREATE, RoomVersion.V11);
        assertEquals(30, levels.userLevel("@bob:b.example"));
        assertEquals(5, levels.userLevel("@zed:z.example"));
        assertEquals(80, levels.requiredForEvent("m.room.name", true));
        assertEquals(1, levels.requiredForEvent("m.reaction", false));
        assertEquals(60, levels.requiredForEvent("m.room.topic", true));
        assertEquals(7, levels.requiredForEvent("m.room.message", false));
        assertEquals(90, levels.ban());
        assertEquals(70, levels.kick());
        assertEquals(65, levels.redact());
        assertEquals(20, levels.invite());
        assertEquals(OptionalLong.of(15), levels.notification("room"));
    }

    @Test
    void malformedValueFailsWhenNeeded() {
        PowerLevels levels = PowerLevels.of(event("$p", """
                {"type":"m.room.power_levels","state_key":"","content":{"ban":"lots","kick":"25"}}"""),
                CREATE, RoomVersion.V9);
        assertEquals(25, levels.kick());
        AuthorizationException e = assertThrows(AuthorizationException.class, levels::ban);
        assertTrue(e.getMessage().contains("ban = \"lots\""), e.getMessage());
        // v10 does not read strings at all.
        PowerLevels v10 = PowerLevels.of(event("$p", """
                {"type":"m.room.power_levels","state_key":"","content":{"kick":"25"}}"""), CREATE, RoomVersion.V10);
        assertThrows(AuthorizationException.class, v10::kick);
    }

    @Test
    void rejectionBecomesForbidden() {
        AuthorizationException e = new AuthorizationException("sender's power level 0 is below the 50 required");
        assertEquals("M_FORBIDDEN", e.toMatrixException().errcode().name());
        assertEquals(403, e.toMatrixException().status());
        assertEquals(e.getMessage(), e.toMatrixException().getMessage());
    }
}
