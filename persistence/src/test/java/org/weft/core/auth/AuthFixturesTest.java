package org.weft.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.core.json.Json;

/**
 * Runs the table-driven authorisation cases in {@code src/test/resources/auth/*.json}, in the
 * style of gomatrixserverlib's eventauth tests.
 *
 * <p>Each file may hold {@code "events"} (a library of full events keyed by event ID, shared by
 * all files) and {@code "cases"}. A case is
 * {@code {"description", "version" | "versions", "auth_events", "event", "allowed", "reason"?,
 * "third_party_signatures_valid"?}}: {@code auth_events} lists full events or event IDs from the
 * library and forms the state the event is authorised against; {@code reason} is a substring the
 * rejection message must contain, so that a case cannot pass by failing an unrelated rule. A case
 * with {@code versions} runs once per listed room version.
 */
class AuthFixturesTest {

    /** Accepts every third-party invite signature, for cases that test the structural checks. */
    private static final EventAuthRules ACCEPTING_3PID =
            new EventAuthRules((signed, invite) -> true, ServerSignatureCheck.SIGNATURE_PRESENT);

    /** One fixture case expanded for one room version. */
    record Case(String file, String description, String version, List<Pdu> authEvents, Pdu event,
                boolean allowed, String reason, boolean thirdPartySignaturesValid) {
    }

    static Stream<Named<Case>> cases() throws IOException, URISyntaxException {
        return load().stream().map(c -> Named.of(c.file() + ": " + c.description() + " [v" + c.version() + "]", c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void authorises(Case c) {
        RoomVersion version = RoomVersion.recognised(c.version()).orElseThrow();
        Map<StateKey, Pdu> state = new HashMap<>();
        for (Pdu pdu : c.authEvents()) {
            state.put(StateKey.of(pdu.type(), pdu.stateKey()), pdu);
        }
        AuthEvents auth = (type, stateKey) -> state.get(StateKey.of(type, stateKey));
        EventAuthRules rules = c.thirdPartySignaturesValid() ? ACCEPTING_3PID : null;
        if (c.allowed()) {
            try {
                run(rules, c.event(), version, auth);
            } catch (AuthorizationException e) {
                fail("expected allowed, rejected: " + e.getMessage());
            }
        } else {
            AuthorizationException e = assertThrows(AuthorizationException.class,
                    () -> run(rules, c.event(), version, auth));
            assertTrue(e.getMessage().contains(c.reason()),
                    "rejected for \"" + e.getMessage() + "\", expected a reason containing \"" + c.reason() + "\"");
        }
    }

    @Test
    void fixturesCoverEveryRoomVersion() throws IOException, URISyntaxException {
        List<Case> all = load();
        assertFalse(all.isEmpty());
        List<String> versions = new ArrayList<>(RoomVersion.all().keySet());
        versions.add(RoomVersion.V12.id());
        for (String id : versions) {
            assertTrue(all.stream().anyMatch(c -> c.version().equals(id)), "no fixture case for room version " + id);
        }
    }

    private static void run(EventAuthRules rules, Pdu event, RoomVersion version, AuthEvents auth) {
        if (rules == null) {
            EventAuthRules.check(event, version, auth);
        } else {
            rules.authorize(event, version, auth);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Case> load() throws IOException, URISyntaxException {
        URL dir = AuthFixturesTest.class.getClassLoader().getResource("auth");
        assertNotNull(dir, "auth fixtures directory missing");
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        Map<String, Map<String, Object>> library = new LinkedHashMap<>();
        Map<Path, Map<String, Object>> parsed = new LinkedHashMap<>();
        for (Path file : files) {
            Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readAllBytes(file));
            parsed.put(file, root);
            Map<String, Object> events = (Map<String, Object>) root.getOrDefault("events", Map.of());
            for (Map.Entry<String, Object> e : events.entrySet()) {
                if (library.put(e.getKey(), (Map<String, Object>) e.getValue()) != null) {
                    fail("event " + e.getKey() + " defined twice in the fixture library");
                }
            }
        }
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<Path, Map<String, Object>> entry : parsed.entrySet()) {
            String file = entry.getKey().getFileName().toString();
            for (Object raw : (List<Object>) entry.getValue().getOrDefault("cases", List.of())) {
                Map<String, Object> c = (Map<String, Object>) raw;
                String description = (String) c.get("description");
                List<String> versions = c.containsKey("versions")
                        ? (List<String>) c.get("versions") : List.of((String) c.get("version"));
                boolean allowed = (Boolean) c.get("allowed");
                String reason = (String) c.get("reason");
                if (!allowed && reason == null) {
                    fail(file + ": rejected case \"" + description + "\" has no reason");
                }
                boolean tpi = Boolean.TRUE.equals(c.get("third_party_signatures_valid"));
                for (String version : versions) {
                    List<Pdu> authEvents = new ArrayList<>();
                    for (Object ref : (List<Object>) c.get("auth_events")) {
                        authEvents.add(ref instanceof String id
                                ? pdu(id, library.get(id), file, description)
                                : pdu(null, (Map<String, Object>) ref, file, description));
                    }
                    Pdu event = pdu(null, (Map<String, Object>) c.get("event"), file, description);
                    cases.add(new Case(file, description, version, authEvents, event, allowed, reason, tpi));
                }
            }
        }
        return cases;
    }

    /** The event with its ID taken out of the JSON ({@code event_id} is not signed in v3+). */
    private static Pdu pdu(String id, Map<String, Object> json, String file, String description) {
        if (json == null) {
            fail(file + ": \"" + description + "\" refers to unknown event " + id);
        }
        Map<String, Object> copy = new LinkedHashMap<>(json);
        Object embedded = copy.remove("event_id");
        String eventId = id != null ? id : (String) embedded;
        assertNotNull(eventId, file + ": \"" + description + "\" has an event without event_id");
        if (id != null && embedded != null) {
            assertEquals(id, embedded);
        }
        return Pdu.of(eventId, copy);
    }
}
