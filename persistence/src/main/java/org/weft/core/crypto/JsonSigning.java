package org.weft.core.crypto;

import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.Json;

/**
 * Signing and verifying JSON objects (appendices, "Signing JSON", "Signing Details", "Checking
 * for a Signature"). The signed bytes are the Canonical JSON of the object without its
 * {@code signatures} and {@code unsigned} members; the unpadded Base64 signature goes under
 * {@code signatures[entity][keyId]}, next to any signatures already there, which is how several
 * servers sign the same object.
 */
public final class JsonSigning {

    private JsonSigning() {
    }

    /**
     * The bytes a signature covers: Canonical JSON of the object without {@code signatures} and
     * {@code unsigned}.
     *
     * @throws MatrixException M_BAD_JSON if the object holds a value Canonical JSON cannot encode
     *         (a non-integer or out-of-range number)
     */
    public static byte[] signedBytes(Map<String, Object> object) {
        Map<String, Object> stripped = new LinkedHashMap<>(object);
        stripped.remove("signatures");
        stripped.remove("unsigned");
        return Json.canonicalBytes(stripped);
    }

    /**
     * Returns a copy of {@code object} signed by {@code entityName} with {@code key}; the input is
     * not modified. Existing signatures are kept (the one for this entity and key ID is
     * replaced), and {@code unsigned} is carried over unchanged, as in the appendix's
     * {@code sign_json}.
     *
     * @throws IllegalArgumentException if {@code signatures} or its entry for the entity exists
     *         but is not an object
     * @throws MatrixException M_BAD_JSON if the object cannot be encoded as Canonical JSON
     */
    public static Map<String, Object> sign(Map<String, Object> object, String entityName, SigningKey key) {
        Map<String, Object> signed = JsonCopy.object(object);
        byte[] signature = key.sign(signedBytes(signed));
        Map<String, Object> signatures = objectMember(signed, "signatures");
        Map<String, Object> entity = objectMember(signatures, entityName);
        entity.put(key.keyId(), UnpaddedBase64.encode(signature));
        return signed;
    }

    /**
     * Whether {@code object} carries a valid signature of {@code entityName} under {@code keyId}
     * for {@code publicKey} (appendices, "Checking for a Signature", for one known key). Every
     * way the check can fail — no such signature, a value that is not Base64, an object that
     * has no Canonical JSON form, a bad signature — yields false.
     */
    public static boolean verify(Map<String, Object> object, String entityName, String keyId, byte[] publicKey) {
        if (!(object.get("signatures") instanceof Map<?, ?> signatures)
                || !(signatures.get(entityName) instanceof Map<?, ?> entity)
                || !(entity.get(keyId) instanceof String encoded)) {
            return false;
        }
        byte[] signature;
        byte[] message;
        try {
            signature = UnpaddedBase64.decode(encoded);
            message = signedBytes(object);
        } catch (IllegalArgumentException | MatrixException e) {
            return false;
        }
        return SigningKey.verify(publicKey, message, signature);
    }

    /**
     * The object member {@code name} of {@code parent} (a copy the caller owns), created empty if
     * absent.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectMember(Map<String, Object> parent, String name) {
        Object existing = parent.get(name);
        if (existing == null) {
            Map<String, Object> created = new LinkedHashMap<>();
            parent.put(name, created);
            return created;
        }
        if (existing instanceof Map<?, ?> map) {
            // Already a fresh copy made by JsonCopy, so it may be changed in place.
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("'" + name + "' must be a JSON object");
    }
}
