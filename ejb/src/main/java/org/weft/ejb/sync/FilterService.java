package org.weft.ejb.sync;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.Json;
import org.weft.core.json.JsonObject;
import org.weft.persistence.sync.FilterEntity;

/**
 * Stored filters (client-server API, "Filtering": POST /user/{userId}/filter, GET
 * /user/{userId}/filter/{filterId}) and the resolution of /sync's {@code filter} parameter, which
 * is either a stored filter's ID or a filter as JSON.
 */
@Stateless
public class FilterService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    /** Stores a filter after checking it parses; the new filter's ID. */
    public String create(String userId, Map<String, Object> definition) {
        parse(definition);
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        String filterId = HexFormat.of().formatHex(id);
        em.persist(new FilterEntity(filterId, userId, Json.write(definition)));
        return filterId;
    }

    /** The filter as uploaded; 404 for unknown IDs and for other users' filters alike. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> get(String userId, String filterId) {
        FilterEntity filter = em.find(FilterEntity.class, filterId);
        if (filter == null || !filter.getUserId().equals(userId)) {
            throw MatrixException.notFound("No such filter");
        }
        return (Map<String, Object>) Json.parse(filter.getDefinition());
    }

    /** /sync's filter parameter: absent, inline JSON, or a stored filter's ID. */
    public SyncFilter resolve(String userId, String param) {
        if (param == null || param.isBlank()) {
            return SyncFilter.NONE;
        }
        if (param.trim().startsWith("{")) {
            JsonObject json;
            try {
                json = JsonObject.parseBody(param);
            } catch (MatrixException e) {
                throw MatrixException.invalidParam("filter is not valid JSON: " + e.getMessage());
            }
            return parse(json.map());
        }
        FilterEntity stored = em.find(FilterEntity.class, param);
        if (stored == null || !stored.getUserId().equals(userId)) {
            throw MatrixException.invalidParam("Unknown filter ID " + param);
        }
        return parse(get(userId, param));
    }

    private static SyncFilter parse(Map<String, Object> definition) {
        try {
            return SyncFilter.parse(JsonObject.of(definition));
        } catch (MatrixException e) {
            throw MatrixException.badJson("Invalid filter: " + e.getMessage());
        }
    }
}
