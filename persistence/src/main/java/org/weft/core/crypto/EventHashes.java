package org.weft.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Redaction;
import org.weft.core.event.RoomVersion;
import org.weft.core.json.Json;

/**
 * The two SHA-256 hashes of an event (server-server API, "Calculating the content hash for an
 * event", "Calculating the reference hash for an event"). The content hash covers the whole,
 * unredacted event and is stored in the event as {@code hashes.sha256}; the reference hash covers
 * only what survives redaction (including that content hash) and, from room version 3 on, is the
 * event ID.
 */
public final class EventHashes {

    /** The one hash algorithm the spec defines, and its key under {@code hashes}. */
    public static final String SHA256 = "sha256";

    private EventHashes() {
    }

    /**
     * The content hash: SHA-256 of the Canonical JSON of the event without {@code unsigned},
     * {@code signatures} and {@code hashes}.
     *
     * @throws MatrixException M_BAD_JSON if the event cannot be encoded as Canonical JSON
     */
    public static byte[] computeContentHash(Map<String, Object> event) {
        Map<String, Object> stripped = new LinkedHashMap<>(event);
        stripped.remove("unsigned");
        stripped.remove("signatures");
        stripped.remove("hashes");
        return sha256(Json.canonicalBytes(stripped));
    }

    /**
     * The reference hash: the event is redacted by the rules of {@code version}, stripped of
     * {@code signatures} and {@code unsigned}, encoded as Canonical JSON and hashed with SHA-256.
     *
     * <p>Spec versions before 1.7 also listed {@code age_ts} (the change log calls that
     * extraneous); it is not among the keys redaction keeps, so it never reaches the hash
     * either way.
     *
     * @throws MatrixException M_BAD_JSON if the event cannot be encoded as Canonical JSON
     */
    public static byte[] computeReferenceHash(Map<String, Object> event, RoomVersion version) {
        Map<String, Object> redacted = Redaction.redact(event, version);
        redacted.remove("signatures");
        redacted.remove("unsigned");
        return sha256(Json.canonicalBytes(redacted));
    }

    /**
     * A copy of the event with {@code hashes.sha256} set to its content hash (unpadded Base64);
     * any other algorithms under {@code hashes} are kept. The input is not modified.
     *
     * @throws IllegalArgumentException if {@code hashes} exists but is not an object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> withContentHash(Map<String, Object> event) {
        String hash = UnpaddedBase64.encode(computeContentHash(event));
        Map<String, Object> copy = JsonCopy.object(event);
        Object hashes = copy.get("hashes");
        if (hashes == null) {
            hashes = new LinkedHashMap<String, Object>();
            copy.put("hashes", hashes);
        } else if (!(hashes instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("'hashes' must be a JSON object");
        }
        ((Map<String, Object>) hashes).put(SHA256, hash);
        return copy;
    }

    /**
     * Whether {@code hashes.sha256} matches the event's content hash (server-server API,
     * "Validating hashes and signatures on received events"). A missing or non-Base64 hash, or
     * an event without a Canonical JSON form, fails the check; the caller then keeps only the
     * redacted form of the event, as that section prescribes.
     */
    public static boolean checkContentHash(Map<String, Object> event) {
        if (!(event.get("hashes") instanceof Map<?, ?> hashes)
                || !(hashes.get(SHA256) instanceof String encoded)) {
            return false;
        }
        try {
            byte[] claimed = UnpaddedBase64.decode(encoded);
            return MessageDigest.isEqual(claimed, computeContentHash(event));
        } catch (IllegalArgumentException | MatrixException e) {
            return false;
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK provides SHA-256", e);
        }
    }
}
