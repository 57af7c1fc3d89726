package org.weft.ejb.e2e;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.json.Json;
import org.weft.persistence.e2e.BackupKeyEntity;
import org.weft.persistence.e2e.BackupVersionEntity;

/**
 * Server-side key backups (client-server API, "Server-side key backups"): versions with their
 * auth_data, and the client-encrypted session keys stored in the current version. A stored key is
 * replaced only by a better one (spec: verified over unverified, then a lower first_message_index,
 * then a lower forwarded_count).
 */
@Stateless
public class KeyBackupService {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    /** POST /room_keys/version: the new version's number, as a string. */
    public String create(String userId, String algorithm, Map<String, Object> authData) {
        Long max = em.createQuery("select max(v.version) from BackupVersionEntity v where v.userId = :u", Long.class)
                .setParameter("u", userId).getSingleResult();
        long version = max == null ? 1 : max + 1;
        em.persist(new BackupVersionEntity(userId, version, algorithm, Json.write(authData)));
        return Long.toString(version);
    }

    /** GET /room_keys/version[/{version}]: the current (newest live) version when {@code version} is null. */
    public Map<String, Object> info(String userId, String version) {
        BackupVersionEntity v = version == null ? current(userId) : find(userId, version);
        if (v == null) {
            throw MatrixException.notFound("No key backup");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("algorithm", v.getAlgorithm());
        body.put("auth_data", Json.parse(v.getAuthData()));
        body.put("count", count(userId, v.getVersion()));
        body.put("etag", Long.toString(v.getEtag()));
        body.put("version", Long.toString(v.getVersion()));
        return body;
    }

    /** PUT /room_keys/version/{version}: only auth_data may change. */
    public void update(String userId, String version, String algorithm, Map<String, Object> authData, Object bodyVersion) {
        BackupVersionEntity v = require(userId, version);
        if (bodyVersion != null && !version.equals(bodyVersion)) {
            throw MatrixException.invalidParam("version in the body does not match the path");
        }
        if (!v.getAlgorithm().equals(algorithm)) {
            throw MatrixException.invalidParam("The algorithm of a backup version cannot change");
        }
        v.setAuthData(Json.write(authData));
    }

    /** DELETE /room_keys/version/{version}: the version and its keys. */
    public void delete(String userId, String version) {
        BackupVersionEntity v = require(userId, version);
        v.delete();
        em.createQuery("delete from BackupKeyEntity k where k.userId = :u and k.version = :v")
                .setParameter("u", userId).setParameter("v", v.getVersion()).executeUpdate();
    }

    /** PUT /room_keys/keys[...]?version=: stores keys (room -> session -> KeyBackupData); count and etag after. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> put(String userId, String version, Map<String, Map<String, Object>> sessionsByRoom) {
        BackupVersionEntity current = current(userId);
        if (current == null || !Long.toString(current.getVersion()).equals(version)) {
            if (find(userId, version) == null && current == null) {
                throw MatrixException.notFound("No key backup version " + version);
            }
            throw new MatrixException(ErrCode.M_WRONG_ROOM_KEYS_VERSION, 403, "Wrong backup version",
                    current == null ? Map.of() : Map.of("current_version", Long.toString(current.getVersion())));
        }
        em.lock(current, LockModeType.PESSIMISTIC_WRITE);
        boolean changed = false;
        for (Map.Entry<String, Map<String, Object>> room : sessionsByRoom.entrySet()) {
            for (Map.Entry<String, Object> session : room.getValue().entrySet()) {
                if (!(session.getValue() instanceof Map<?, ?> data) || !(data.get("session_data") instanceof Map<?, ?>)) {
                    throw MatrixException.badJson("Each session needs KeyBackupData with session_data");
                }
                BackupKeyEntity.Key key = new BackupKeyEntity.Key(userId, current.getVersion(), room.getKey(), session.getKey());
                BackupKeyEntity row = em.find(BackupKeyEntity.class, key);
                if (row == null) {
                    em.persist(new BackupKeyEntity(userId, current.getVersion(), room.getKey(), session.getKey(),
                            Json.write(data)));
                    changed = true;
                } else if (better((Map<String, Object>) data, (Map<String, Object>) Json.parse(row.getJson()))) {
                    row.setJson(Json.write(data));
                    changed = true;
                }
            }
        }
        if (changed) {
            current.bumpEtag();
        }
        em.flush();
        return Map.of("count", count(userId, current.getVersion()), "etag", Long.toString(current.getEtag()));
    }

    /** GET /room_keys/keys[...]?version=: {rooms: {roomId: {sessions: {...}}}} narrowed by room and session. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> get(String userId, String version, String roomId, String sessionId) {
        BackupVersionEntity v = require(userId, version);
        Map<String, Object> rooms = new LinkedHashMap<>();
        for (BackupKeyEntity row : keys(userId, v.getVersion(), roomId, sessionId)) {
            Map<String, Object> room = (Map<String, Object>) rooms.computeIfAbsent(row.getRoomId(),
                    k -> new LinkedHashMap<>(Map.of("sessions", new LinkedHashMap<String, Object>())));
            ((Map<String, Object>) room.get("sessions")).put(row.getSessionId(), Json.parse(row.getJson()));
        }
        return Map.of("rooms", rooms);
    }

    /** DELETE /room_keys/keys[...]?version=. */
    public Map<String, Object> remove(String userId, String version, String roomId, String sessionId) {
        BackupVersionEntity v = require(userId, version);
        List<BackupKeyEntity> rows = keys(userId, v.getVersion(), roomId, sessionId);
        rows.forEach(em::remove);
        if (!rows.isEmpty()) {
            v.bumpEtag();
        }
        em.flush();
        return Map.of("count", count(userId, v.getVersion()), "etag", Long.toString(v.getEtag()));
    }

    private List<BackupKeyEntity> keys(String userId, long version, String roomId, String sessionId) {
        return em.createQuery("select k from BackupKeyEntity k where k.userId = :u and k.version = :v"
                + " and (:room is null or k.roomId = :room) and (:session is null or k.sessionId = :session)"
                + " order by k.roomId, k.sessionId", BackupKeyEntity.class)
                .setParameter("u", userId).setParameter("v", version).setParameter("room", roomId)
                .setParameter("session", sessionId).getResultList();
    }

    /** Spec: keep the existing key unless the new one is verified and the old not, or starts earlier, or was forwarded less. */
    static boolean better(Map<String, Object> candidate, Map<String, Object> existing) {
        boolean newVerified = Boolean.TRUE.equals(candidate.get("is_verified"));
        boolean oldVerified = Boolean.TRUE.equals(existing.get("is_verified"));
        if (newVerified != oldVerified) {
            return newVerified;
        }
        long newIndex = number(candidate.get("first_message_index"));
        long oldIndex = number(existing.get("first_message_index"));
        if (newIndex != oldIndex) {
            return newIndex < oldIndex;
        }
        return number(candidate.get("forwarded_count")) < number(existing.get("forwarded_count"));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.MAX_VALUE;
    }

    private long count(String userId, long version) {
        return em.createQuery("select count(k) from BackupKeyEntity k where k.userId = :u and k.version = :v", Long.class)
                .setParameter("u", userId).setParameter("v", version).getSingleResult();
    }

    private BackupVersionEntity current(String userId) {
        return em.createQuery("select v from BackupVersionEntity v where v.userId = :u and v.deleted = false"
                + " order by v.version desc", BackupVersionEntity.class).setParameter("u", userId).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
    }

    private BackupVersionEntity find(String userId, String version) {
        try {
            BackupVersionEntity v = em.find(BackupVersionEntity.class, new BackupVersionEntity.Key(userId, Long.parseLong(version)));
            return v == null || v.isDeleted() ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private BackupVersionEntity require(String userId, String version) {
        if (version == null) {
            throw MatrixException.missingParam("version");
        }
        BackupVersionEntity v = find(userId, version);
        if (v == null) {
            throw MatrixException.notFound("No key backup version " + version);
        }
        return v;
    }
}
