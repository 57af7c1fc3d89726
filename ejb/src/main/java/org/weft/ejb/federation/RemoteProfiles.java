package org.weft.ejb.federation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.id.UserId;

/**
 * Profiles of other servers' users, asked of their server (server-server API, "Query Types":
 * {@code GET /_matrix/federation/v1/query/profile}): the client's {@code GET /profile/{userId}}.
 * Only {@code displayname} and {@code avatar_url} strings are passed on.
 */
@ApplicationScoped
public class RemoteProfiles {

    @Inject
    FederationHttp http;

    /**
     * @throws MatrixException 404 when the server knows no such user; 502 when it cannot say
     */
    public Map<String, Object> profile(UserId user) {
        Map<String, Object> answer = http.json("GET", user.server(), "/_matrix/federation/v1/query/profile?user_id="
                + URLEncoder.encode(user.toString(), StandardCharsets.UTF_8), null);
        Map<String, Object> profile = new LinkedHashMap<>();
        for (String field : new String[] {"displayname", "avatar_url"}) {
            if (answer.get(field) instanceof String value) {
                profile.put(field, value);
            }
        }
        return profile;
    }
}
