package org.weft.ejb.e2e;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.Json;
import org.weft.core.json.JsonObject;
import org.weft.ejb.events.StreamChange;
import org.weft.ejb.events.StreamIdGenerator;
import org.weft.ejb.sso.SignInMethods;
import org.weft.ejb.uia.UiaFlows;
import org.weft.ejb.uia.UiaService;
import org.weft.ejb.users.Requester;
import org.weft.persistence.e2e.CrossSigningKeyEntity;
import org.weft.persistence.e2e.DeviceKeysEntity;

/**
 * Cross-signing (client-server API, "Cross-signing"): POST /keys/device_signing/upload and POST
 * /keys/signatures/upload. Replacing existing cross-signing keys needs the password again (UIA);
 * the first upload does not (spec: servers may allow it, and clients expect it at account setup).
 */
@Stateless
public class CrossSigningService {

    static final List<String> TYPES = List.of("master", "self_signing", "user_signing");

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    UiaService uia;

    @EJB
    SignInMethods signIn;

    @EJB
    StreamIdGenerator stream;

    @EJB
    E2eKeysService keys;

    @EJB
    LocalDeviceLists deviceLists;

    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<SigningKeysChanged> signingKeysChanged;

    public void upload(Requester requester, JsonObject auth, Map<String, Map<String, Object>> keysByType) {
        String userId = requester.userId();
        for (Map.Entry<String, Map<String, Object>> entry : keysByType.entrySet()) {
            Map<String, Object> key = entry.getValue();
            Object usage = key.get("usage");
            if (!userId.equals(key.get("user_id")) || !(usage instanceof List<?> uses) || !uses.contains(entry.getKey())
                    || !(key.get("keys") instanceof Map<?, ?>)) {
                throw MatrixException.invalidParam(entry.getKey() + "_key must be the requester's, with usage "
                        + entry.getKey() + " and keys");
            }
        }
        if (em.find(CrossSigningKeyEntity.class, new CrossSigningKeyEntity.Key(userId, "master")) != null) {
            uia.authenticate(new UiaFlows("keys/device_signing/upload", signIn.uiaFlows(userId), userId), auth);
        }
        StreamChange change = keys.keyChange(userId);
        for (Map.Entry<String, Map<String, Object>> entry : keysByType.entrySet()) {
            long position = stream.nextPosition(change);
            String json = Json.write(entry.getValue());
            CrossSigningKeyEntity row = em.find(CrossSigningKeyEntity.class, new CrossSigningKeyEntity.Key(userId, entry.getKey()));
            if (row == null) {
                em.persist(new CrossSigningKeyEntity(userId, entry.getKey(), json, position));
            } else {
                row.update(json, position);
            }
        }
        if (keysByType.containsKey("master") || keysByType.containsKey("self_signing")) {
            signingKeysChanged.fire(new SigningKeysChanged(userId));
        }
    }

    /** A user's cross-signing key of a type, or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> key(String userId, String type) {
        CrossSigningKeyEntity row = em.find(CrossSigningKeyEntity.class, new CrossSigningKeyEntity.Key(userId, type));
        return row == null ? null : (Map<String, Object>) Json.parse(row.getJson());
    }

    /**
     * POST /keys/signatures/upload: adds the uploaded signatures to the signed device keys or
     * cross-signing keys; unknown targets are reported in {@code failures}.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> signatures(Requester requester, Map<String, Object> body) {
        Map<String, Object> failures = new LinkedHashMap<>();
        for (Map.Entry<String, Object> user : body.entrySet()) {
            if (!(user.getValue() instanceof Map<?, ?> objects)) {
                throw MatrixException.badJson("Each user maps key IDs to signed objects");
            }
            for (Map.Entry<?, ?> object : objects.entrySet()) {
                String keyId = (String) object.getKey();
                if (!(object.getValue() instanceof Map<?, ?> signed) || !(signed.get("signatures") instanceof Map<?, ?> sigs)) {
                    throw MatrixException.badJson("Each signed object needs signatures");
                }
                if (!merge(user.getKey(), keyId, (Map<String, Object>) sigs)) {
                    ((Map<String, Object>) failures.computeIfAbsent(user.getKey(), k -> new LinkedHashMap<>()))
                            .put(keyId, Map.of("errcode", "M_NOT_FOUND", "error", "Unknown key " + keyId));
                }
            }
        }
        return Map.of("failures", failures);
    }

    /** Adds signatures to the device (keyId = device ID) or cross-signing key (keyId = its public key). */
    @SuppressWarnings("unchecked")
    private boolean merge(String userId, String keyId, Map<String, Object> signatures) {
        DeviceKeysEntity device = em.find(DeviceKeysEntity.class, new DeviceKeysEntity.Key(userId, keyId));
        if (device != null) {
            String signed = withSignatures(device.getJson(), signatures);
            device.update(signed, deviceLists.changed(userId, keyId, (Map<String, Object>) Json.parse(signed)));
            return true;
        }
        for (String type : TYPES) {
            CrossSigningKeyEntity row = em.find(CrossSigningKeyEntity.class, new CrossSigningKeyEntity.Key(userId, type));
            if (row != null && ((Map<String, Object>) ((Map<String, Object>) Json.parse(row.getJson())).get("keys"))
                    .containsValue(keyId)) {
                row.update(withSignatures(row.getJson(), signatures), stream.nextPosition(keys.keyChange(userId)));
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static String withSignatures(String json, Map<String, Object> added) {
        Map<String, Object> object = new LinkedHashMap<>((Map<String, Object>) Json.parse(json));
        Map<String, Object> signatures = new LinkedHashMap<>();
        if (object.get("signatures") instanceof Map<?, ?> existing) {
            existing.forEach((signer, sigs) -> signatures.put((String) signer, new LinkedHashMap<>((Map<String, Object>) sigs)));
        }
        added.forEach((signer, sigs) -> ((Map<String, Object>) signatures.computeIfAbsent(signer, k -> new LinkedHashMap<>()))
                .putAll((Map<String, Object>) sigs));
        object.put("signatures", signatures);
        return Json.write(object);
    }
}
