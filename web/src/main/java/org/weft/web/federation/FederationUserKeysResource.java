package org.weft.web.federation;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.id.UserId;
import org.weft.core.json.JsonObject;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.e2e.E2eKeysService;
import org.weft.web.auth.FederationAuthenticated;

/**
 * Other servers asking for Weft's users' devices and keys (server-server API, "Device Management"
 * and "End-to-End Encryption"). Users of other servers in a request are left out of the answer.
 */
@Path("/_matrix/federation/v1/user")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@FederationAuthenticated
public class FederationUserKeysResource {

    @EJB
    E2eKeysService keys;

    @Inject
    WeftSettings settings;

    /** {@code GET /_matrix/federation/v1/user/devices/{userId}}: the devices, keys and list version. */
    @GET
    @Path("/devices/{userId}")
    public Map<String, Object> devices(@PathParam("userId") String userId) {
        requireLocal(userId);
        return keys.deviceList(userId);
    }

    /** {@code POST /_matrix/federation/v1/user/keys/query}: device and cross-signing keys of local users. */
    @POST
    @Path("/keys/query")
    public Map<String, Object> query(JsonObject body) {
        Map<String, Object> answer = new LinkedHashMap<>(keys.query(null, localOnly(body.requireObject("device_keys"))));
        answer.remove("user_signing_keys"); // a user's own, never another server's business
        answer.remove("failures");
        return answer;
    }

    /** {@code POST /_matrix/federation/v1/user/keys/claim}: one-time keys of local users' devices. */
    @POST
    @Path("/keys/claim")
    public Map<String, Object> claim(JsonObject body) {
        Map<String, Object> answer = new LinkedHashMap<>(keys.claim(localOnly(body.requireObject("one_time_keys"))));
        answer.remove("failures");
        return answer;
    }

    private Map<String, Object> localOnly(JsonObject byUser) {
        Map<String, Object> local = new LinkedHashMap<>();
        byUser.map().forEach((userId, value) -> {
            if (isLocal(userId)) {
                local.put(userId, value);
            }
        });
        return local;
    }

    private void requireLocal(String userId) {
        if (!isLocal(userId)) {
            throw MatrixException.invalidParam(userId + " is not a user of this server");
        }
    }

    private boolean isLocal(String userId) {
        try {
            return settings.serverName().equals(UserId.parse(userId).server());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
