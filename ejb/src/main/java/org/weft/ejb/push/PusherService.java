package org.weft.ejb.push;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.Json;

/**
 * A user's pushers (client-server API, "Push Notifications": GET /pushers, POST /pushers/set):
 * {@code http} pushers post to a push gateway, {@code email} pushers mail a summary of what is
 * still unread after a while. Stored in {@code pushers}; {@link PusherDirectory} learns of every
 * change.
 */
@Stateless
public class PusherService {

    private static final String NOTIFY_PATH = "/_matrix/push/v1/notify";

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    PusherDirectory directory;

    /** A stored pusher. */
    public record Pusher(String userId, String appId, String pushkey, String kind, String appDisplayName,
                         String deviceDisplayName, String profileTag, String lang, Map<String, Object> data) {

        /** As GET /pushers lists it. */
        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("pushkey", pushkey);
            json.put("kind", kind);
            json.put("app_id", appId);
            json.put("app_display_name", appDisplayName);
            json.put("device_display_name", deviceDisplayName);
            if (profileTag != null) {
                json.put("profile_tag", profileTag);
            }
            json.put("lang", lang);
            json.put("data", data);
            return json;
        }
    }

    /** GET /pushers. */
    public List<Map<String, Object>> list(String userId) {
        return pushers(userId).stream().map(Pusher::json).toList();
    }

    /** The user's pushers. */
    public List<Pusher> pushers(String userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT user_id, app_id, pushkey, kind, app_display_name,"
                + " device_display_name, profile_tag, lang, data_json FROM pushers WHERE user_id = ?1 ORDER BY created_ts")
                .setParameter(1, userId).getResultList();
        List<Pusher> out = new ArrayList<>();
        for (Object[] r : rows) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) Json.parse((String) r[8]);
            out.add(new Pusher((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    (String) r[6], (String) r[7], data));
        }
        return out;
    }

    /** POST /pushers/set: adds, replaces or (kind null) deletes a pusher. */
    public void set(String userId, Map<String, Object> body) {
        String appId = required(body, "app_id");
        String pushkey = required(body, "pushkey");
        if (appId.length() > 64) {
            throw MatrixException.invalidParam("app_id is at most 64 characters");
        }
        if (pushkey.getBytes(StandardCharsets.UTF_8).length > 512) {
            throw MatrixException.invalidParam("pushkey is at most 512 bytes");
        }
        if (!body.containsKey("kind")) {
            throw MatrixException.missingParam("kind");
        }
        Object kind = body.get("kind");
        if (kind == null) {
            delete(userId, appId, pushkey);
            return;
        }
        if (!"http".equals(kind) && !"email".equals(kind)) {
            throw MatrixException.invalidParam("kind must be http, email or null");
        }
        String appDisplayName = required(body, "app_display_name");
        String deviceDisplayName = required(body, "device_display_name");
        String lang = required(body, "lang");
        if (!(body.get("data") instanceof Map<?, ?> rawData)) {
            throw MatrixException.missingParam("data");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) rawData);
        if ("http".equals(kind)) {
            checkGatewayUrl(data.get("url"));
            if (data.containsKey("format") && !"event_id_only".equals(data.get("format"))) {
                throw MatrixException.invalidParam("data.format can only be event_id_only");
            }
        } else if (!pushkey.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw MatrixException.invalidParam("An email pusher's pushkey is the email address to write to");
        }
        Object profileTag = body.get("profile_tag");
        if (profileTag != null && !(profileTag instanceof String)) {
            throw MatrixException.invalidParam("profile_tag must be a string");
        }
        if (!Boolean.TRUE.equals(body.get("append"))) {
            // Spec: without append, the pushkey is this user's alone from now on.
            em.createNativeQuery("DELETE FROM pushers WHERE app_id = ?1 AND pushkey = ?2 AND user_id <> ?3")
                    .setParameter(1, appId).setParameter(2, pushkey).setParameter(3, userId).executeUpdate();
        }
        em.createNativeQuery("DELETE FROM pushers WHERE app_id = ?1 AND pushkey = ?2 AND user_id = ?3")
                .setParameter(1, appId).setParameter(2, pushkey).setParameter(3, userId).executeUpdate();
        em.createNativeQuery("INSERT INTO pushers (user_id, app_id, pushkey, kind, app_display_name, device_display_name,"
                + " profile_tag, lang, data_json, created_ts) VALUES (?,?,?,?,?,?,?,?,?,?)")
                .setParameter(1, userId).setParameter(2, appId).setParameter(3, pushkey).setParameter(4, kind)
                .setParameter(5, appDisplayName).setParameter(6, deviceDisplayName).setParameter(7, profileTag)
                .setParameter(8, lang).setParameter(9, Json.write(data)).setParameter(10, System.currentTimeMillis())
                .executeUpdate();
        directory.changed();
    }

    /** Removes a pusher (also when a gateway rejects its pushkey). */
    public void delete(String userId, String appId, String pushkey) {
        em.createNativeQuery("DELETE FROM pushers WHERE app_id = ?1 AND pushkey = ?2 AND user_id = ?3")
                .setParameter(1, appId).setParameter(2, pushkey).setParameter(3, userId).executeUpdate();
        em.createNativeQuery("DELETE FROM push_deliveries WHERE app_id = ?1 AND pushkey = ?2 AND user_id = ?3")
                .setParameter(1, appId).setParameter(2, pushkey).setParameter(3, userId).executeUpdate();
        directory.changed();
    }

    /** Spec: "MUST be an HTTPS URL with a path of /_matrix/push/v1/notify". */
    private static void checkGatewayUrl(Object url) {
        if (!(url instanceof String text)) {
            throw MatrixException.invalidParam("An http pusher needs data.url");
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw MatrixException.invalidParam("data.url is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || !NOTIFY_PATH.equals(uri.getPath())) {
            throw MatrixException.invalidParam("data.url must be an https URL with the path " + NOTIFY_PATH);
        }
    }

    private static String required(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (value == null) {
            throw MatrixException.missingParam(name);
        }
        if (!(value instanceof String text) || text.isEmpty()) {
            throw MatrixException.invalidParam(name + " must be a non-empty string");
        }
        return text;
    }
}
