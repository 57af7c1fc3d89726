package org.weft.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;

/** The steps of state resolution on small graphs whose answer can be read off the definitions. */
class StateStepsTest {

    private final Map<String, Pdu> events = new HashMap<>();
    private final EventLookup lookup = events::get;

    private void event(String id, String type, String stateKey, String sender, long ts, Map<String, Object> content,
                       String... auth) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("room_id", "!r:x");
        json.put("type", type);
        json.put("state_key", stateKey);
        json.put("sender", sender);
        json.put("origin_server_ts", ts);
        json.put("content", content);
        json.put("auth_events", List.of(auth));
        events.put(id, Pdu.of(id, json));
    }

    private void state(String id, String... auth) {
        event(id, "t." + id, "", "@a:x", 0, Map.of(), auth);
    }

    @Test
    void version2CountsAKeyMissingFromOneSetAsConflictedAndVersion1DoesNot() {
        StateKey topic = StateKey.of("m.room.topic", "");
        StateKey name = StateKey.of("m.room.name", "");
        List<Map<StateKey, String>> sets = List.of(Map.of(topic, "$t", name, "$n"), Map.of(topic, "$t"));
        assertEquals(Map.of(topic, "$t"), StateConflicts.v2(sets).unconflicted());
        assertEquals(Map.of(name, List.of("$n")), StateConflicts.v2(sets).conflicted());
        assertEquals(Map.of(topic, "$t", name, "$n"), StateConflicts.v1(sets).unconflicted());
    }

    @Test
    void authDifferenceCountsEachSetsOwnEvents() {
        state("$c");
        state("$p1", "$c");
        state("$p2", "$p1", "$c");
        state("$x", "$p2", "$c");
        state("$y", "$p1", "$c");
        AuthChains chains = new AuthChains(lookup);
        assertEquals(Set.of("$p1", "$c"), chains.of("$y"));
        // S1 = {x}: reaches p2, p1, c. S2 = {y, p2}: reaches p2, p1, c as well.
        assertEquals(Set.of("$x", "$y"), chains.difference(List.of(Set.of("$x"), Set.of("$y", "$p2"))));
    }

    @Test
    void conflictedSubgraphHoldsThePathsBetweenConflictedEvents() {
        // c <- a <- m <- b (b's auth chain reaches a through m); d hangs off c only.
        state("$c");
        state("$a", "$c");
        state("$m", "$a", "$c");
        state("$b", "$m", "$c");
        state("$d", "$c");
        assertEquals(Set.of("$a", "$b", "$m"), ConflictedSubgraph.of(Set.of("$a", "$b"), lookup));
        assertEquals(Set.of("$a", "$d"), ConflictedSubgraph.of(Set.of("$a", "$d"), lookup));
    }

    @Test
    void reverseTopologicalOrderPutsAuthEventsFirstThenHigherPowerThenEarlier() {
        event("$create", "m.room.create", "", "@a:x", 1, Map.of("creator", "@a:x"));
        event("$pl", "m.room.power_levels", "", "@a:x", 2, Map.of("users", Map.of("@a:x", 100, "@b:x", 50)),
                "$create");
        event("$low", "m.room.join_rules", "", "@b:x", 3, Map.of(), "$create", "$pl");
        event("$high", "m.room.join_rules", "", "@a:x", 9, Map.of(), "$create", "$pl");
        event("$later", "m.room.join_rules", "", "@b:x", 4, Map.of(), "$create", "$pl");
        assertEquals(List.of("$pl", "$high", "$low", "$later"), ReverseTopologicalPowerOrdering.sort(
                List.of("$later", "$low", "$high", "$pl"), lookup, RoomVersion.V10));
    }

    @Test
    void mainlineOrderPutsEventsBasedOnOlderPowerLevelsFirst() {
        event("$create", "m.room.create", "", "@a:x", 1, Map.of("creator", "@a:x"));
        event("$pl1", "m.room.power_levels", "", "@a:x", 2, Map.of(), "$create");
        event("$pl2", "m.room.power_levels", "", "@a:x", 3, Map.of(), "$create", "$pl1");
        event("$old", "m.room.topic", "", "@a:x", 50, Map.of(), "$create", "$pl1");
        event("$new", "m.room.topic", "", "@a:x", 10, Map.of(), "$create", "$pl2");
        event("$none", "m.room.topic", "", "@a:x", 99, Map.of(), "$create");
        assertEquals(List.of("$none", "$old", "$new"),
                MainlineOrdering.sort(List.of("$new", "$old", "$none"), "$pl2", lookup));
    }

    @Test
    void powerEventsAreThoseThatCanTakeAbilitiesAway() {
        event("$kick", "m.room.member", "@b:x", "@a:x", 1, Map.of("membership", "leave"));
        event("$leave", "m.room.member", "@b:x", "@b:x", 1, Map.of("membership", "leave"));
        event("$ban", "m.room.member", "@b:x", "@a:x", 1, Map.of("membership", "ban"));
        event("$jr", "m.room.join_rules", "", "@a:x", 1, Map.of());
        event("$topic", "m.room.topic", "", "@a:x", 1, Map.of());
        assertEquals(List.of(true, false, true, true, false), List.of("$kick", "$leave", "$ban", "$jr", "$topic")
                .stream().map(id -> PowerEvents.isPowerEvent(events.get(id))).toList());
    }
}
