package org.weft.ejb.uia;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.json.Json;

/**
 * The state of one user-interactive auth session: which request it authorises, for whom, and
 * the stages completed so far, in order. Kept in the Infinispan cache as JSON text, so it is
 * cheap to replicate once the cache is clustered.
 *
 * @param endpoint          what the session authorises, e.g. "register" or "delete_devices"
 * @param userId            the user the session is bound to; null for registration
 * @param registrationToken the token accepted by m.login.registration_token, if any
 */
public record UiaSession(String id, String endpoint, String userId, List<String> completed,
                         String registrationToken) {

    public UiaSession {
        completed = List.copyOf(completed);
    }

    UiaSession withCompleted(String stage) {
        List<String> stages = new ArrayList<>(completed);
        stages.add(stage);
        return new UiaSession(id, endpoint, userId, stages, registrationToken);
    }

    UiaSession withRegistrationToken(String token) {
        return new UiaSession(id, endpoint, userId, completed, token);
    }

    String toJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("endpoint", endpoint);
        map.put("user_id", userId);
        map.put("completed", completed);
        map.put("registration_token", registrationToken);
        return Json.write(map);
    }

    @SuppressWarnings("unchecked")
    static UiaSession fromJson(String text) {
        Map<String, Object> map = (Map<String, Object>) Json.parse(text);
        List<String> completed = new ArrayList<>();
        for (Object stage : (List<Object>) map.get("completed")) {
            completed.add((String) stage);
        }
        return new UiaSession((String) map.get("id"), (String) map.get("endpoint"), (String) map.get("user_id"),
                completed, (String) map.get("registration_token"));
    }
}
