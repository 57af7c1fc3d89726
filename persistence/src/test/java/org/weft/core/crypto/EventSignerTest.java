package org.weft.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.weft.core.crypto.JsonSigningTest.parse;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.weft.core.event.EventIds;
import org.weft.core.event.Pdu;
import org.weft.core.event.Redaction;
import org.weft.core.event.RoomVersion;
import org.weft.core.id.EventId;
import org.weft.core.json.Json;

/**
 * Event hashing and signing (server-server API, "Signing Events"; appendices, "Cryptographic Test
 * Vectors", "Event Signing").
 */
class EventSignerTest {

    private static final SigningKey KEY = SigningKeyTest.specKey();

    static final String MINIMAL_EVENT = """
            {
                "room_id": "!x:domain",
                "sender": "@a:domain",
                "origin": "domain",
                "origin_server_ts": 1000000,
                "signatures": {},
                "hashes": {},
                "type": "X",
                "content": {},
                "prev_events": [],
                "auth_events": [],
                "depth": 3,
                "unsigned": {
                    "age_ts": 1000000
                }
            }""";

    static final String MINIMAL_EVENT_SIGNED = """
            {
                "auth_events": [],
                "content": {},
                "depth": 3,
                "hashes": {
                    "sha256": "5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos"
                },
                "origin": "domain",
                "origin_server_ts": 1000000,
                "prev_events": [],
                "room_id": "!x:domain",
                "sender": "@a:domain",
                "signatures": {
                    "domain": {
                        "ed25519:1": "KxwGjPSDEtvnFgU00fwFz+l6d2pJM6XBIaMEn81SXPTRl16AqLAYqfIReFGZlHi5KLjAWbOoMszkwsQma+lYAg"
                    }
                },
                "type": "X",
                "unsigned": {
                    "age_ts": 1000000
                }
            }""";

    static final String REDACTABLE_EVENT = """
            {
                "content": {
                    "body": "Here is the message content"
                },
                "event_id": "$0:domain",
                "origin": "domain",
                "origin_server_ts": 1000000,
                "type": "m.room.message",
                "room_id": "!r:domain",
                "sender": "@u:domain",
                "signatures": {},
                "unsigned": {
                    "age_ts": 1000000
                }
            }""";

    static final String REDACTABLE_EVENT_SIGNED = """
            {
                "content": {
                    "body": "Here is the message content"
                },
                "event_id": "$0:domain",
                "hashes": {
                    "sha256": "onLKD1bGljeBWQhWZ1kaP9SorVmRQNdN5aM2JYU2n/g"
                },
                "origin": "domain",
                "origin_server_ts": 1000000,
                "type": "m.room.message",
                "room_id": "!r:domain",
                "sender": "@u:domain",
                "signatures": {
                    "domain": {
                        "ed25519:1": "Wm+VzmOUOz08Ds+0NTWb1d4CZrVsJSikkeRxh6aCcUwu6pNC78FunoD7KNWzqFn241eYHYMGCA5McEiVPdhzBA"
                    }
                },
                "unsigned": {
                    "age_ts": 1000000
                }
            }""";

    /**
     * The vectors predate room versions; they hold under every redaction algorithm that keeps
     * the top-level {@code origin} (v1-v10).
     */
    static Stream<RoomVersion> preV11() {
        return RoomVersion.all().values().stream().filter(v -> !v.v11RedactionAndEventFormat());
    }

    @ParameterizedTest
    @MethodSource("preV11")
    void appendixMinimalEvent(RoomVersion version) {
        Map<String, Object> signed = EventSigner.hashAndSign(parse(MINIMAL_EVENT), version, "domain", KEY);
        assertEquals(Json.canonical(parse(MINIMAL_EVENT_SIGNED)), Json.canonical(signed));
    }

    @ParameterizedTest
    @MethodSource("preV11")
    void appendixRedactableEvent(RoomVersion version) {
        Map<String, Object> signed = EventSigner.hashAndSign(parse(REDACTABLE_EVENT), version, "domain", KEY);
        assertEquals(Json.canonical(parse(REDACTABLE_EVENT_SIGNED)), Json.canonical(signed));
    }

    @Test
    void appendixSignedEventsVerifyAndHashesCheck() {
        for (String json : new String[] {MINIMAL_EVENT_SIGNED, REDACTABLE_EVENT_SIGNED}) {
            Map<String, Object> event = parse(json);
            assertTrue(EventHashes.checkContentHash(event));
            assertTrue(EventSigner.verifyEvent(Pdu.of("$0:domain", event), RoomVersion.V1, "domain",
                    "ed25519:1", KEY.publicKey()));
        }
    }

    /** v11 no longer protects {@code origin}, so the same event is signed over fewer keys. */
    @Test
    void v11SignsADifferentRedactedForm() {
        Map<String, Object> v10 = EventSigner.hashAndSign(parse(MINIMAL_EVENT), RoomVersion.V10, "domain", KEY);
        Map<String, Object> v11 = EventSigner.hashAndSign(parse(MINIMAL_EVENT), RoomVersion.V11, "domain", KEY);
        assertEquals(v10.get("hashes"), v11.get("hashes"));
        assertNotEquals(v10.get("signatures"), v11.get("signatures"));
        assertFalse(EventSigner.verifyEvent(Pdu.of("$x", v10), RoomVersion.V11, "domain", "ed25519:1",
                KEY.publicKey()));
    }

    private static Map<String, Object> message() {
        return parse("""
                {"type": "m.room.message", "room_id": "!r:example.org", "sender": "@u:example.org",
                 "origin_server_ts": 1700000000000, "depth": 7, "prev_events": ["$prev"],
                 "auth_events": ["$create", "$member", "$pl"],
                 "content": {"msgtype": "m.text", "body": "hello"},
                 "unsigned": {"transaction_id": "txn1"}}""");
    }

    @Test
    void finishThenVerifyRoundTrip() {
        Map<String, Object> input = message();
        String before = Json.canonical(input);
        Pdu pdu = EventSigner.finish(input, RoomVersion.V10, "example.org", KEY);
        assertEquals(before, Json.canonical(input), "input must not be modified");

        assertEquals(EventIds.referenceHashEventId(pdu.json(), RoomVersion.V10), pdu.eventId());
        assertEquals(null, EventId.parse(pdu.eventId()).server());
        assertFalse(pdu.json().containsKey("event_id"));
        assertFalse(pdu.json().containsKey("unsigned"));
        assertTrue(EventHashes.checkContentHash(pdu.json()));
        assertTrue(EventSigner.verifyEvent(pdu, RoomVersion.V10, "example.org", "ed25519:1", KEY.publicKey()));
        assertFalse(EventSigner.verifyEvent(pdu, RoomVersion.V10, "other.org", "ed25519:1", KEY.publicKey()));
    }

    /**
     * The signature covers the redacted form, which for a message keeps no content: changing the
     * body breaks the content hash but neither the signature nor the event ID.
     */
    @Test
    void tamperedContentBreaksHashButNotSignature() {
        Pdu pdu = EventSigner.finish(message(), RoomVersion.V10, "example.org", KEY);
        Map<String, Object> tampered = JsonCopy.object(pdu.json());
        tampered.put("content", parse("{\"msgtype\": \"m.text\", \"body\": \"HELLO\"}"));
        Pdu forged = Pdu.of(pdu.eventId(), tampered);

        assertFalse(EventHashes.checkContentHash(tampered));
        assertTrue(EventSigner.verifyEvent(forged, RoomVersion.V10, "example.org", "ed25519:1", KEY.publicKey()));
        assertEquals(pdu.eventId(), EventIds.referenceHashEventId(tampered, RoomVersion.V10));
    }

    @Test
    void tamperedEssentialKeyBreaksSignature() {
        Pdu pdu = EventSigner.finish(message(), RoomVersion.V10, "example.org", KEY);
        Map<String, Object> tampered = JsonCopy.object(pdu.json());
        tampered.put("sender", "@mallory:example.org");
        assertFalse(EventSigner.verifyEvent(Pdu.of(pdu.eventId(), tampered), RoomVersion.V10, "example.org",
                "ed25519:1", KEY.publicKey()));
        // The content hash is over everything, so it breaks too.
        assertFalse(EventHashes.checkContentHash(tampered));
    }

    /** "This step should succeed whether we have been sent the full event or a redacted copy." */
    @Test
    void redactedCopyStillVerifies() {
        Pdu pdu = EventSigner.finish(message(), RoomVersion.V11, "example.org", KEY);
        Pdu redacted = Pdu.of(pdu.eventId(), Redaction.redact(pdu.json(), RoomVersion.V11));
        assertTrue(EventSigner.verifyEvent(redacted, RoomVersion.V11, "example.org", "ed25519:1", KEY.publicKey()));
        assertFalse(EventHashes.checkContentHash(redacted.json()));
        assertEquals(pdu.eventId(), EventIds.referenceHashEventId(redacted.json(), RoomVersion.V11));
    }

    @Test
    void v1GeneratesServerAssignedEventId() {
        Pdu pdu = EventSigner.finish(message(), RoomVersion.V1, "example.org", KEY);
        EventId id = EventId.parse(pdu.eventId());
        assertEquals("example.org", id.server().toString());
        assertEquals(pdu.eventId(), pdu.json().get("event_id"));
        assertTrue(EventHashes.checkContentHash(pdu.json()));
        assertTrue(EventSigner.verifyEvent(pdu, RoomVersion.V1, "example.org", "ed25519:1", KEY.publicKey()));
        // The event ID is hashed and signed: changing it breaks the signature.
        Map<String, Object> renamed = JsonCopy.object(pdu.json());
        renamed.put("event_id", "$other:example.org");
        assertFalse(EventSigner.verifyEvent(Pdu.of("$other:example.org", renamed), RoomVersion.V1,
                "example.org", "ed25519:1", KEY.publicKey()));
        assertNotEquals(pdu.eventId(), EventSigner.finish(message(), RoomVersion.V1, "example.org", KEY).eventId());
    }

    @Test
    void v2KeepsAGivenEventId() {
        Map<String, Object> event = message();
        event.put("event_id", "$given:example.org");
        Pdu pdu = EventSigner.finish(event, RoomVersion.V2, "example.org", KEY);
        assertEquals("$given:example.org", pdu.eventId());
        assertEquals("$given:example.org", pdu.json().get("event_id"));
    }

    @Test
    void invalidEventIdUsageIsRejected() {
        Map<String, Object> withId = message();
        withId.put("event_id", "$given:example.org");
        assertThrows(IllegalArgumentException.class,
                () -> EventSigner.finish(withId, RoomVersion.V3, "example.org", KEY));
        Map<String, Object> noDomain = message();
        noDomain.put("event_id", "$nodomain");
        assertThrows(IllegalArgumentException.class,
                () -> EventSigner.finish(noDomain, RoomVersion.V1, "example.org", KEY));
        assertThrows(IllegalArgumentException.class,
                () -> EventSigner.finish(message(), RoomVersion.V1, "not a server", KEY));
    }

    @Test
    void aCountersignatureAddsTheInvitedServersSignatureAndChangesNothingElse() {
        SigningKey inviter = SigningKey.generate("a1");
        SigningKey invitee = SigningKey.generate("b1");
        Map<String, Object> invite = new java.util.LinkedHashMap<>();
        invite.put("room_id", "!room:a.example");
        invite.put("sender", "@alice:a.example");
        invite.put("type", "m.room.member");
        invite.put("state_key", "@bob:b.example");
        invite.put("content", Map.of("membership", "invite"));
        invite.put("prev_events", java.util.List.of("$prev"));
        invite.put("auth_events", java.util.List.of("$create"));
        invite.put("depth", 5);
        invite.put("origin_server_ts", 1_700_000_000_000L);
        Pdu signed = EventSigner.finish(invite, RoomVersion.V10, "a.example", inviter);

        Pdu both = EventSigner.countersign(signed, RoomVersion.V10, "b.example", invitee);
        assertEquals(signed.eventId(), both.eventId());
        assertEquals(signed.eventId(), EventIds.referenceHashEventId(both.json(), RoomVersion.V10), "the ID still matches");
        assertEquals(signed.json().get("hashes"), both.json().get("hashes"));
        assertTrue(EventSigner.verifyEvent(both, RoomVersion.V10, "a.example", inviter.keyId(), inviter.publicKey()));
        assertTrue(EventSigner.verifyEvent(both, RoomVersion.V10, "b.example", invitee.keyId(), invitee.publicKey()));
        assertFalse(((Map<?, ?>) signed.json().get("signatures")).containsKey("b.example"), "the original is untouched");
    }
}
