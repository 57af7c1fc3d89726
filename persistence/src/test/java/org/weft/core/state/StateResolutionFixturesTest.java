package org.weft.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.weft.core.auth.AuthEventSelection;
import org.weft.core.auth.AuthorizationException;
import org.weft.core.auth.EventAuthRules;
import org.weft.core.event.EventIds;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.core.json.Json;

/**
 * Runs the state resolution fixtures in {@code src/test/resources/state/*.json} (their format is
 * described in each file's {@code comment}): forked event graphs built by hand, resolved by each
 * algorithm the case lists.
 *
 * <p>The harness builds every event as a server would: its auth events chosen from the state before
 * it ("Auth events selection"), that state being the resolution of the states after its
 * prev_events. Every event must pass the auth rules against its auth events unless the case marks
 * it rejected, in which case it must fail them: a fixture cannot test something that could not
 * happen. In room version 12 the room ID is that of the base's create event, named CREATE.
 */
class StateResolutionFixturesTest {

    private static final String ROOM = "!room:example.org";
    private static final EventAuthRules RULES = new EventAuthRules((signed, invite) -> false,
            (event, server) -> true);

    record Case(String file, String description, String algorithm, Map<String, Object> json,
                List<Map<String, Object>> events) {
    }

    static Stream<Named<Case>> cases() throws IOException, URISyntaxException {
        return load().stream().map(c -> Named.of(c.file() + ": " + c.description() + " [" + c.algorithm() + "]", c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void resolves(Case c) {
        RoomVersion version = RoomVersion.recognised((String) c.json().getOrDefault("version", "10")).orElseThrow();
        StateResolver.Algorithm algorithm = switch (c.algorithm()) {
            case "v1" -> StateResolver.Algorithm.V1;
            case "v2" -> StateResolver.Algorithm.V2;
            case "v2.1" -> StateResolver.Algorithm.V2_1;
            default -> throw new IllegalArgumentException("unknown algorithm " + c.algorithm());
        };
        Graph graph = new Graph(version, algorithm);
        for (Map<String, Object> event : c.events()) {
            graph.add(event);
        }
        List<Map<StateKey, String>> sets = new ArrayList<>();
        for (Object id : (List<Object>) c.json().get("resolve")) {
            sets.add(graph.stateAfter.get(eventId((String) id)));
        }
        Map<StateKey, String> resolved = StateResolver.resolve(algorithm, version, sets, graph, RULES);

        Map<String, Object> expected = (Map<String, Object>) c.json().getOrDefault("expected", Map.of());
        expected.forEach((key, id) -> assertEquals(eventId((String) id), resolved.get(stateKey(key)),
                "state " + key + " in " + readable(resolved)));
        for (Object key : (List<Object>) c.json().getOrDefault("absent", List.of())) {
            assertFalse(resolved.containsKey(stateKey((String) key)), key + " should be absent from " + readable(resolved));
        }
    }

    @Test
    void fixturesCoverEveryAlgorithm() throws IOException, URISyntaxException {
        Set<String> algorithms = new HashSet<>();
        load().forEach(c -> algorithms.add(c.algorithm()));
        assertEquals(Set.of("v1", "v2", "v2.1"), algorithms);
    }

    @Test
    void eachRoomVersionHasItsAlgorithm() {
        assertEquals(StateResolver.Algorithm.V1, StateResolver.Algorithm.of(RoomVersion.V1));
        assertEquals(StateResolver.Algorithm.V2, StateResolver.Algorithm.of(RoomVersion.V2));
        assertEquals(StateResolver.Algorithm.V2, StateResolver.Algorithm.of(RoomVersion.V11));
        assertEquals(StateResolver.Algorithm.V2_1, StateResolver.Algorithm.of(RoomVersion.V12));
    }

    @Test
    void unknownEventIsNamed() {
        Map<StateKey, String> one = Map.of(StateKey.of("m.room.topic", ""), "$a");
        Map<StateKey, String> two = Map.of(StateKey.of("m.room.topic", ""), "$b");
        UnknownEventException missing = assertThrows(UnknownEventException.class,
                () -> StateResolver.resolve(RoomVersion.V10, List.of(one, two), id -> null, RULES));
        assertNotNull(missing.eventId());
    }

    @Test
    void identicalStatesResolveToThemselvesWithoutLookups() {
        Map<StateKey, String> state = Map.of(StateKey.of("m.room.topic", ""), "$a");
        assertEquals(state, StateResolver.resolve(RoomVersion.V10, List.of(state, Map.copyOf(state)),
                id -> {
                    throw new AssertionError("no lookup expected");
                }, RULES));
    }

    /** The event graph of one case, as a server would have stored it. */
    static final class Graph implements EventLookup {
        final RoomVersion version;
        final StateResolver.Algorithm algorithm;
        final Map<String, Pdu> events = new HashMap<>();
        final Set<String> rejected = new HashSet<>();
        final Map<String, Map<StateKey, String>> stateAfter = new HashMap<>();
        private long clock = 1_000;

        Graph(RoomVersion version, StateResolver.Algorithm algorithm) {
            this.version = version;
            this.algorithm = algorithm;
        }

        @SuppressWarnings("unchecked")
        void add(Map<String, Object> spec) {
            String id = eventId((String) spec.get("id"));
            List<String> prev = new ArrayList<>();
            for (Object p : (List<Object>) spec.get("prev")) {
                prev.add(eventId((String) p));
            }
            List<Map<StateKey, String>> prevStates = new ArrayList<>();
            long depth = 0;
            for (String p : prev) {
                prevStates.add(stateAfter.get(p));
                depth = Math.max(depth, events.get(p).depth());
            }
            Map<StateKey, String> before = StateResolver.resolve(algorithm, version, prevStates, this, RULES);

            Map<String, Object> json = new LinkedHashMap<>();
            if (!version.hashedRoomIds()) {
                json.put("room_id", ROOM);
            } else if (!"m.room.create".equals(spec.get("type"))) {
                // Room version 12: the room ID is the create event's ID; the create has none.
                json.put("room_id", EventIds.roomIdOfCreateEvent(eventId("CREATE")));
            }
            json.put("type", spec.get("type"));
            json.put("sender", userId((String) spec.get("sender")));
            String stateKey = (String) spec.get("state_key");
            if (stateKey != null) {
                json.put("state_key", "m.room.member".equals(spec.get("type")) ? userId(stateKey) : stateKey);
            }
            json.put("content", spec.getOrDefault("content", Map.of()));
            json.put("depth", depth + 1);
            clock += 1_000;
            json.put("origin_server_ts", spec.containsKey("ts") ? ((Number) spec.get("ts")).longValue() : clock);
            json.put("prev_events", prev);
            Pdu draft = Pdu.of(id, json);
            List<String> auth = new ArrayList<>();
            for (Pdu a : AuthEventSelection.select(draft, version, (t, k) -> lookup(before, t, k))) {
                auth.add(a.eventId());
            }
            json.put("auth_events", auth);
            Pdu event = Pdu.of(id, json);
            events.put(id, event);

            boolean markedRejected = Boolean.TRUE.equals(spec.get("rejected"));
            String refusal = refusal(event);
            if (markedRejected != (refusal != null)) {
                throw new AssertionError("fixture event " + spec.get("id") + (markedRejected
                        ? " is marked rejected but passes the auth rules" : " fails the auth rules: " + refusal));
            }
            Map<StateKey, String> after = new LinkedHashMap<>(before);
            if (markedRejected) {
                rejected.add(id);
            } else if (event.isState()) {
                after.put(StateKey.of(event.type(), event.stateKey()), id);
            }
            stateAfter.put(id, after);
        }

        private String refusal(Pdu event) {
            List<Pdu> auth = new ArrayList<>();
            event.authEvents().forEach(a -> auth.add(events.get(a)));
            try {
                RULES.authorize(event, version, AuthEventSelection.checkAuthEvents(event, auth,
                        events.get(eventId("CREATE")), version));
                return null;
            } catch (AuthorizationException e) {
                return e.getMessage();
            }
        }

        private Pdu lookup(Map<StateKey, String> state, String type, String stateKey) {
            String id = state.get(StateKey.of(type, stateKey));
            return id == null ? null : events.get(id);
        }

        @Override
        public Pdu event(String eventId) {
            return events.get(eventId);
        }

        @Override
        public boolean rejected(String eventId) {
            return rejected.contains(eventId);
        }
    }

    static String eventId(String name) {
        return "$" + name;
    }

    static String userId(String localpart) {
        return "@" + localpart + ":example.org";
    }

    /** "type" or "type|state_key", member state keys as local parts. */
    static StateKey stateKey(String key) {
        int bar = key.indexOf('|');
        if (bar < 0) {
            return StateKey.of(key, "");
        }
        String type = key.substring(0, bar);
        String stateKey = key.substring(bar + 1);
        return StateKey.of(type, "m.room.member".equals(type) ? userId(stateKey) : stateKey);
    }

    private static String readable(Map<StateKey, String> state) {
        return state.toString();
    }

    @SuppressWarnings("unchecked")
    static List<Case> load() throws IOException, URISyntaxException {
        URL dir = StateResolutionFixturesTest.class.getClassLoader().getResource("state");
        assertNotNull(dir, "state fixtures directory missing");
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<Case> cases = new ArrayList<>();
        for (Path file : files) {
            Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readAllBytes(file));
            Map<String, Object> bases = (Map<String, Object>) root.getOrDefault("bases", Map.of());
            for (Object raw : (List<Object>) root.get("cases")) {
                Map<String, Object> c = (Map<String, Object>) raw;
                List<Map<String, Object>> events = new ArrayList<>();
                if (c.get("base") != null) {
                    List<Object> base = (List<Object>) bases.get(c.get("base"));
                    assertNotNull(base, file + ": unknown base " + c.get("base"));
                    base.forEach(e -> events.add((Map<String, Object>) e));
                }
                ((List<Object>) c.get("events")).forEach(e -> events.add((Map<String, Object>) e));
                for (Object algorithm : (List<Object>) c.get("algorithms")) {
                    cases.add(new Case(file.getFileName().toString(), (String) c.get("description"),
                            (String) algorithm, c, events));
                }
            }
        }
        return cases;
    }
}
