package org.weft.core.crypto;

import java.security.SecureRandom;
import java.util.Map;
import org.weft.core.event.EventIds;
import org.weft.core.event.Pdu;
import org.weft.core.event.Redaction;
import org.weft.core.event.RoomVersion;
import org.weft.core.id.EventId;
import org.weft.core.id.ServerName;

/**
 * Hashing and signing events (server-server API, "Signing Events": "Adding hashes and signatures
 * to outgoing events", "Validating hashes and signatures on received events"; appendices,
 * "Cryptographic Test Vectors", "Event Signing").
 *
 * <p>The content hash is computed over the full event and stored in it; the event is then
 * redacted and the <em>redacted</em> form is signed, and the signature is copied back to the full
 * event. So the signature covers the essential keys plus the content hash: a server holding only
 * the redacted copy can still check the signature, and a change to non-essential content shows up
 * as a content hash mismatch rather than a bad signature.
 */
public final class EventSigner {

    /** Random bytes in a generated v1/v2 event ID: 144 bits, 24 Base64 characters. */
    private static final int OPAQUE_ID_BYTES = 18;

    private static final SecureRandom RANDOM = new SecureRandom();

    private EventSigner() {
    }

    /**
     * The spec's {@code hash_and_sign_event}: a copy of {@code event} with {@code hashes.sha256}
     * set and the signature of {@code origin} added to {@code signatures}. Everything else,
     * {@code unsigned} and {@code event_id} included, is carried over unchanged; the input is not
     * modified.
     *
     * @param version decides which keys redaction keeps, hence what the signature covers
     * @throws org.weft.core.error.MatrixException M_BAD_JSON if the event cannot be encoded as
     *         Canonical JSON
     */
    public static Map<String, Object> hashAndSign(Map<String, Object> event, RoomVersion version,
                                                  String origin, SigningKey key) {
        Map<String, Object> hashed = EventHashes.withContentHash(event);
        Map<String, Object> signedRedacted = JsonSigning.sign(Redaction.redact(hashed, version), origin, key);
        // Redaction keeps "signatures", so the signed copy holds earlier signatures plus ours.
        hashed.put("signatures", signedRedacted.get("signatures"));
        return hashed;
    }

    /**
     * Finishes an event this server creates: content hash, signature, event ID.
     *
     * <p>For room versions 1 and 2 the event ID is the {@code event_id} already in the event, or
     * a new {@code $random:origin} written into it before hashing (it is part of what is hashed
     * and signed). From version 3 on the ID is computed from the reference hash, and an
     * {@code event_id} key is refused: it is not part of those event formats, and hashing it
     * would tie the ID to a stale value.
     *
     * <p>{@code unsigned} is dropped: the returned PDU holds the event as hashed and signed, and
     * unsigned data (ages, transaction IDs) belongs to each delivery, not to the event.
     *
     * @param origin this server's name, under which the signature is stored
     * @throws IllegalArgumentException if {@code origin} is not a server name, or the
     *         {@code event_id} key is present where it must not be or is not a valid event ID
     */
    public static Pdu finish(Map<String, Object> event, RoomVersion version, String origin, SigningKey key) {
        ServerName.parse(origin);
        Map<String, Object> draft = JsonCopy.object(event);
        draft.remove("unsigned");
        boolean serverAssigned = version.eventIdFormat() == RoomVersion.EventIdFormat.SERVER_ASSIGNED;
        if (serverAssigned) {
            Object id = draft.get("event_id");
            if (id == null) {
                id = "$" + randomOpaqueId() + ":" + origin;
                draft.put("event_id", id);
            }
            if (!(id instanceof String text)) {
                throw new IllegalArgumentException("'event_id' must be a string");
            }
            EventId parsed = EventId.parse(text);
            if (parsed.server() == null) {
                throw new IllegalArgumentException("Room version " + version.id()
                        + " needs event IDs of the form $opaque:domain: " + text);
            }
        } else if (draft.containsKey("event_id")) {
            throw new IllegalArgumentException("Room version " + version.id()
                    + " events carry no 'event_id'; it is computed from the reference hash");
        }
        Map<String, Object> signed = hashAndSign(draft, version, origin, key);
        String eventId = serverAssigned
                ? (String) signed.get("event_id")
                : EventIds.referenceHashEventId(signed, version);
        return Pdu.of(eventId, signed);
    }

    /**
     * Adds this server's signature to another server's event, leaving everything else (the content
     * hash included) as it is: the invited server's part in an invite (server-server API,
     * "Inviting to a room"). The event ID does not change, as signatures are not part of it.
     */
    public static Pdu countersign(Pdu pdu, RoomVersion version, String server, SigningKey key) {
        ServerName.parse(server);
        Map<String, Object> signedRedacted = JsonSigning.sign(Redaction.redact(pdu.json(), version), server, key);
        Map<String, Object> json = JsonCopy.object(pdu.json());
        json.put("signatures", signedRedacted.get("signatures"));
        return Pdu.of(pdu.eventId(), json);
    }

    /**
     * Whether {@code pdu} carries a valid signature of {@code origin} under {@code keyId},
     * checked over its redacted form as the spec requires, so it holds for the full event and
     * for a redacted copy alike. The content hash is a separate check
     * ({@link EventHashes#checkContentHash}).
     */
    public static boolean verifyEvent(Pdu pdu, RoomVersion version, String origin, String keyId,
                                      byte[] publicKey) {
        Map<String, Object> redacted;
        try {
            redacted = Redaction.redact(pdu.json(), version);
        } catch (IllegalArgumentException e) {
            return false; // not representable as JSON at all, so it cannot carry a valid signature
        }
        return JsonSigning.verify(redacted, origin, keyId, publicKey);
    }

    private static String randomOpaqueId() {
        byte[] bytes = new byte[OPAQUE_ID_BYTES];
        RANDOM.nextBytes(bytes);
        // URL-safe: the ID appears in URL paths, and neither alphabet has the ':' it must avoid.
        return UnpaddedBase64.encodeUrlSafe(bytes);
    }
}
