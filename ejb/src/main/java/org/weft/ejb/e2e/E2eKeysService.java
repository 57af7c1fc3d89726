package org.weft.ejb.e2e;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.weft.core.error.MatrixException;
import org.weft.core.json.Json;
import org.weft.ejb.events.StreamChange;
import org.weft.ejb.events.StreamIdGenerator;
import org.weft.ejb.users.Requester;
import org.weft.persistence.e2e.DeviceKeysEntity;
import org.weft.persistence.e2e.OneTimeKeyEntity;
import org.weft.persistence.users.DeviceEntity;
import org.weft.persistence.users.DeviceKey;

/**
 * POST /keys/upload, /keys/query, /keys/claim and GET /keys/changes for local users. Keys are stored
 * as the client signed them; the server checks who they belong to, not their signatures (clients
 * verify those). A device-key upload takes a stream position, so room mates see the user in
 * device_lists.changed.
 */
@Stateless
public class E2eKeysService {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    StreamIdGenerator stream;

    @EJB
    CrossSigningService crossSigning;

    @EJB
    LocalDeviceLists deviceLists;

    /** A device's next /sync must not start from key counts this service just changed. */
    @jakarta.inject.Inject
    org.weft.ejb.sync.SyncContinuations continuations;

    /** POST /keys/upload: the counts of the device's unclaimed one-time keys per algorithm. */
    public Map<String, Object> upload(Requester requester, Map<String, Object> deviceKeys,
                                      Map<String, Object> oneTimeKeys, Map<String, Object> fallbackKeys) {
        String userId = requester.userId();
        String deviceId = requester.deviceId();
        continuations.forget(userId, deviceId);
        if (deviceKeys != null) {
            checkDeviceKeysShape(deviceKeys);
            if (!userId.equals(deviceKeys.get("user_id")) || !deviceId.equals(deviceKeys.get("device_id"))) {
                throw MatrixException.invalidParam("device_keys must be for the requesting user and device");
            }
            String json = Json.write(deviceKeys);
            DeviceKeysEntity row = em.find(DeviceKeysEntity.class, new DeviceKeysEntity.Key(userId, deviceId));
            if (row == null) {
                em.persist(new DeviceKeysEntity(userId, deviceId, json, deviceLists.changed(userId, deviceId, deviceKeys)));
            } else if (!row.getJson().equals(json)) {
                row.update(json, deviceLists.changed(userId, deviceId, deviceKeys));
            }
        }
        store(userId, deviceId, oneTimeKeys, false);
        if (fallbackKeys != null && !fallbackKeys.isEmpty()) {
            // Spec: a new fallback key replaces the device's previous one of that algorithm.
            em.createQuery("delete from OneTimeKeyEntity k where k.userId = :u and k.deviceId = :d and k.fallback = true")
                    .setParameter("u", userId).setParameter("d", deviceId).executeUpdate();
            store(userId, deviceId, fallbackKeys, true);
        }
        return Map.of("one_time_key_counts", oneTimeKeyCounts(userId, deviceId));
    }

    /**
     * The DeviceKeys object's fields, of the spec's types: what other users' clients read from
     * {@code /keys/query} (a list where a map should be would break their encryption with this
     * user). Otherwise 400 M_BAD_JSON. {@code algorithms}, {@code keys} and {@code signatures} may
     * be absent, as Synapse allows and SyTest's key-change tests upload (refusing them there failed
     * four tests that passed before); when present, they must be well-formed.
     */
    static void checkDeviceKeysShape(Map<String, Object> deviceKeys) {
        if (!(deviceKeys.get("user_id") instanceof String) || !(deviceKeys.get("device_id") instanceof String)) {
            throw MatrixException.badJson("device_keys needs user_id and device_id");
        }
        Object algorithms = deviceKeys.get("algorithms");
        if (algorithms != null && !(algorithms instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
            throw MatrixException.badJson("device_keys.algorithms must be a list of algorithm names");
        }
        Object keys = deviceKeys.get("keys");
        if (keys != null && !(keys instanceof Map<?, ?> map && map.values().stream().allMatch(String.class::isInstance))) {
            throw MatrixException.badJson("device_keys.keys must map key IDs to keys");
        }
        Object signatures = deviceKeys.get("signatures");
        if (signatures != null
                && !(signatures instanceof Map<?, ?> map && map.values().stream().allMatch(Map.class::isInstance))) {
            throw MatrixException.badJson("device_keys.signatures must map users to their signatures");
        }
    }

    private void store(String userId, String deviceId, Map<String, Object> keys, boolean fallback) {
        if (keys == null) {
            return;
        }
        for (Map.Entry<String, Object> key : keys.entrySet()) {
            if (!key.getKey().contains(":")) {
                throw MatrixException.invalidParam("Key IDs have the form <algorithm>:<key id>");
            }
            OneTimeKeyEntity.Key id = new OneTimeKeyEntity.Key(userId, deviceId, key.getKey(), fallback);
            if (em.find(OneTimeKeyEntity.class, id) == null) {
                em.persist(new OneTimeKeyEntity(userId, deviceId, key.getKey(), fallback, Json.write(key.getValue())));
            }
        }
    }

    /** Unclaimed one-time keys per algorithm (sync's device_one_time_keys_count). */
    public Map<String, Object> oneTimeKeyCounts(String userId, String deviceId) {
        Map<String, Object> counts = new TreeMap<>();
        for (Object[] row : em.createQuery("select k.algorithm, count(k) from OneTimeKeyEntity k where k.userId = :u"
                + " and k.deviceId = :d and k.fallback = false group by k.algorithm", Object[].class)
                .setParameter("u", userId).setParameter("d", deviceId).getResultList()) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** Algorithms of the device's fallback keys not yet used (sync's device_unused_fallback_key_types). */
    public List<String> unusedFallbackKeyTypes(String userId, String deviceId) {
        return em.createQuery("select distinct k.algorithm from OneTimeKeyEntity k where k.userId = :u and k.deviceId = :d"
                + " and k.fallback = true and k.used = false", String.class)
                .setParameter("u", userId).setParameter("d", deviceId).getResultList();
    }

    /**
     * POST /keys/query: device keys of the asked users (all their devices for an empty list), their
     * master and self-signing keys, and the requester's own user-signing key.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> query(String requesterId, Map<String, Object> deviceKeys) {
        Map<String, Object> master = new LinkedHashMap<>();
        Map<String, Object> selfSigning = new LinkedHashMap<>();
        Map<String, Object> userSigning = new LinkedHashMap<>();
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> asked : deviceKeys.entrySet()) {
            if (!(asked.getValue() instanceof List<?> devices)) {
                throw MatrixException.badJson("device_keys." + asked.getKey() + " must be a list of device IDs");
            }
            Map<String, Object> byDevice = new LinkedHashMap<>();
            for (DeviceKeysEntity row : em.createQuery("select k from DeviceKeysEntity k where k.userId = :u",
                    DeviceKeysEntity.class).setParameter("u", asked.getKey()).getResultList()) {
                if (devices.isEmpty() || devices.contains(row.getDeviceId())) {
                    Map<String, Object> keys = new LinkedHashMap<>((Map<String, Object>) Json.parse(row.getJson()));
                    DeviceEntity device = em.find(DeviceEntity.class,
                            new DeviceKey(row.getUserId(), row.getDeviceId()));
                    if (device != null && device.getDisplayName() != null) {
                        keys.put("unsigned", Map.of("device_display_name", device.getDisplayName()));
                    }
                    byDevice.put(row.getDeviceId(), keys);
                }
            }
            result.put(asked.getKey(), byDevice);
            putIfPresent(master, asked.getKey(), crossSigning.key(asked.getKey(), "master"));
            putIfPresent(selfSigning, asked.getKey(), crossSigning.key(asked.getKey(), "self_signing"));
            if (asked.getKey().equals(requesterId)) {
                putIfPresent(userSigning, asked.getKey(), crossSigning.key(asked.getKey(), "user_signing"));
            }
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("device_keys", result);
        response.put("master_keys", master);
        response.put("self_signing_keys", selfSigning);
        response.put("user_signing_keys", userSigning);
        response.put("failures", Map.of());
        return response;
    }

    /**
     * GET /_matrix/federation/v1/user/devices/{userId} (server-server API, "Device Management"): a
     * local user's devices with their keys, their cross-signing keys, and the list's version.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> deviceList(String userId) {
        List<Object> devices = new ArrayList<>();
        for (DeviceKeysEntity row : em.createQuery("select k from DeviceKeysEntity k where k.userId = :u order by k.deviceId",
                DeviceKeysEntity.class).setParameter("u", userId).getResultList()) {
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("device_id", row.getDeviceId());
            device.put("keys", Json.parse(row.getJson()));
            DeviceEntity known = em.find(DeviceEntity.class, new DeviceKey(userId, row.getDeviceId()));
            if (known != null && known.getDisplayName() != null) {
                device.put("device_display_name", known.getDisplayName());
            }
            devices.add(device);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("user_id", userId);
        answer.put("stream_id", deviceLists.version(userId));
        answer.put("devices", devices);
        putIfPresent(answer, "master_key", crossSigning.key(userId, "master"));
        putIfPresent(answer, "self_signing_key", crossSigning.key(userId, "self_signing"));
        return answer;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** POST /keys/claim: one key of the asked algorithm per device, a one-time key if any is left, else the fallback key. */
    public Map<String, Object> claim(Map<String, Object> oneTimeKeys) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> user : oneTimeKeys.entrySet()) {
            if (!(user.getValue() instanceof Map<?, ?> devices)) {
                throw MatrixException.badJson("one_time_keys." + user.getKey() + " must be an object");
            }
            Map<String, Object> byDevice = new LinkedHashMap<>();
            for (Map.Entry<?, ?> device : devices.entrySet()) {
                if (!(device.getValue() instanceof String algorithm)) {
                    throw MatrixException.badJson("Each device maps to an algorithm name");
                }
                OneTimeKeyEntity key = claimOne(user.getKey(), (String) device.getKey(), algorithm);
                if (key != null) {
                    byDevice.put((String) device.getKey(), Map.of(key.getKeyId(), Json.parse(key.getJson())));
                }
            }
            if (!byDevice.isEmpty()) {
                result.put(user.getKey(), byDevice);
            }
        }
        return Map.of("one_time_keys", result, "failures", Map.of());
    }

    private OneTimeKeyEntity claimOne(String userId, String deviceId, String algorithm) {
        // Locked, so two claimers never get the same one-time key.
        List<OneTimeKeyEntity> keys = em.createQuery("select k from OneTimeKeyEntity k where k.userId = :u and"
                + " k.deviceId = :d and k.algorithm = :a order by k.fallback, k.keyId", OneTimeKeyEntity.class)
                .setParameter("u", userId).setParameter("d", deviceId).setParameter("a", algorithm)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(1).getResultList();
        if (keys.isEmpty()) {
            return null;
        }
        OneTimeKeyEntity key = keys.get(0);
        continuations.forget(userId, deviceId);
        if (key.isFallback()) {
            key.markUsed();
        } else {
            em.remove(key);
        }
        return key;
    }

    /** A change of the user's keys: their own syncs and those of everyone in their joined rooms wake. */
    public StreamChange keyChange(String userId) {
        return deviceLists.keyChange(userId);
    }

    /**
     * Users sharing a joined room with {@code userId} (and the user) whose device keys changed in
     * (from, to]: device keys, cross-signing keys, a deleted device (the list's version), and other
     * servers' users' lists held here.
     */
    public List<String> changed(String userId, long from, long to) {
        List<String> sources = List.of("DeviceKeysEntity", "CrossSigningKeyEntity", "DeviceListVersionEntity",
                "RemoteDeviceListEntity");
        // Most syncs follow no key change at all: indexed max() lookups answer that cheaply.
        if (sources.stream().allMatch(entity -> latest(entity) <= from)) {
            return List.of();
        }
        java.util.Set<String> users = new java.util.TreeSet<>();
        for (String entity : sources) {
            if (latest(entity) > from) {
                users.addAll(changedIn(entity, userId, from, to));
            }
        }
        return new ArrayList<>(users);
    }

    private long latest(String entity) {
        Long max = em.createQuery("select max(k.streamPos) from " + entity + " k", Long.class).getSingleResult();
        return max == null ? 0 : max;
    }

    private List<String> changedIn(String entity, String userId, long from, long to) {
        return new ArrayList<>(em.createQuery("select distinct k.userId from " + entity + " k where k.streamPos > :from"
                + " and k.streamPos <= :to and (k.userId = :me or k.userId in (select m.stateKey from CurrentStateEntity m"
                + " where m.type = 'm.room.member' and m.membership = 'join' and m.roomId in (select s.roomId from"
                + " CurrentStateEntity s where s.type = 'm.room.member' and s.stateKey = :me and s.membership = 'join')))",
                String.class).setParameter("from", from).setParameter("to", to).setParameter("me", userId).getResultList());
    }
}
