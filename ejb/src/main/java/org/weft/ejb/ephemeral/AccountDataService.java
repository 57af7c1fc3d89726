package org.weft.ejb.ephemeral;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.json.Json;
import org.weft.ejb.events.StreamChange;
import org.weft.ejb.events.StreamIdGenerator;
import org.weft.ejb.rooms.RoomAccess;
import org.weft.persistence.sync.AccountDataEntity;

/**
 * Account data, global and per room (client-server API, "Client Config"), and room tags ("Room
 * Tagging", kept as the room's m.tag account data). Each write takes a stream position, so
 * /sync sends the new value and wakes the owner's waiting syncs.
 */
@Stateless
public class AccountDataService {

    /** Types the server keeps itself: clients set them through their own endpoints. */
    private static final java.util.Set<String> SERVER_CONTROLLED = java.util.Set.of("m.fully_read", "m.push_rules");

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    StreamIdGenerator stream;

    @EJB
    RoomAccess access;

    @jakarta.inject.Inject
    IgnoredUsers ignoredUsers;

    public Map<String, Object> get(String userId, String roomId, String type) {
        AccountDataEntity row = em.find(AccountDataEntity.class, new AccountDataEntity.Key(userId, key(roomId), type));
        if (row == null) {
            throw MatrixException.notFound("No account data of type " + type);
        }
        return parse(row.getContent());
    }

    /** PUT .../account_data/{type}, refusing the types the server controls (405 M_BAD_JSON). */
    public void putByClient(String userId, String roomId, String type, Map<String, Object> content) {
        if (SERVER_CONTROLLED.contains(type)) {
            throw new MatrixException(ErrCode.M_BAD_JSON, 405, "Cannot set " + type + " through this API", Map.of());
        }
        if (roomId != null) {
            access.room(roomId);
        }
        put(userId, roomId, type, content);
    }

    /** Stores a value (the server's own types included). */
    public void put(String userId, String roomId, String type, Map<String, Object> content) {
        if (type.isEmpty() || type.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            throw MatrixException.invalidParam("Account data type must be 1 to 255 bytes");
        }
        AccountDataEntity.Key key = new AccountDataEntity.Key(userId, key(roomId), type);
        AccountDataEntity row = em.find(AccountDataEntity.class, key);
        boolean created = row == null;
        if (created) {
            row = new AccountDataEntity(userId, key(roomId), type);
        }
        row.update(Json.write(content), stream.nextPosition(StreamChange.user(userId)));
        if (created) {
            em.persist(row);
        }
        if (roomId == null && IgnoredUsers.TYPE.equals(type)) {
            ignoredUsers.evict(userId);
        }
    }

    /** GET /user/{userId}/rooms/{roomId}/tags. */
    public Map<String, Object> tags(String userId, String roomId) {
        AccountDataEntity row = em.find(AccountDataEntity.class, new AccountDataEntity.Key(userId, roomId, "m.tag"));
        Object tags = row == null ? null : parse(row.getContent()).get("tags");
        return Map.of("tags", tags instanceof Map<?, ?> ? tags : Map.of());
    }

    /** PUT (tag content) or DELETE (null) /user/{userId}/rooms/{roomId}/tags/{tag}. */
    @SuppressWarnings("unchecked")
    public void tag(String userId, String roomId, String tag, Map<String, Object> content) {
        if (tag.isEmpty() || tag.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            throw MatrixException.invalidParam("Tag names must be 1 to 255 bytes");
        }
        if (content != null && content.containsKey("order") && !(content.get("order") instanceof Number)) {
            throw MatrixException.badJson("order must be a number");
        }
        access.room(roomId);
        Map<String, Object> tags = new LinkedHashMap<>((Map<String, Object>) tags(userId, roomId).get("tags"));
        if (content == null) {
            tags.remove(tag);
        } else {
            tags.put(tag, content);
        }
        put(userId, roomId, "m.tag", Map.of("tags", tags));
    }

    private static String key(String roomId) {
        return roomId == null ? AccountDataEntity.GLOBAL : roomId;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        return (Map<String, Object>) Json.parse(json);
    }
}
