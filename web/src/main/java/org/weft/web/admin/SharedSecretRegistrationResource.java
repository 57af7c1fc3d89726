package org.weft.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.json.JsonObject;
import org.weft.ejb.admin.SharedSecretRegistrationService;
import org.weft.ejb.users.RegistrationResult;
import org.weft.web.http.ClientAddress;

/**
 * Shared-secret registration as Synapse's admin API defines it, so operators' tooling
 * ({@code register_new_matrix_user} and friends) works against Weft unchanged.
 */
@Path("/_synapse/admin/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SharedSecretRegistrationResource {

    @EJB
    SharedSecretRegistrationService registration;

    @Context
    HttpServletRequest http;

    /** {@code GET /_synapse/admin/v1/register}: a single-use nonce. */
    @GET
    @Path("/register")
    public Map<String, Object> nonce() {
        return Map.of("nonce", registration.newNonce());
    }

    /** {@code POST /_synapse/admin/v1/register}: nonce, username, password, admin, mac. */
    @POST
    @Path("/register")
    public Map<String, Object> register(JsonObject body) {
        RegistrationResult result = registration.register(body.requireString("nonce"),
                body.requireString("username"), body.requireString("password"),
                body.optBoolean("admin", false), body.optString("user_type"), body.requireString("mac"),
                ClientAddress.of(http));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", result.session().accessToken());
        answer.put("user_id", result.userId());
        answer.put("home_server", result.homeServer());
        answer.put("device_id", result.session().deviceId());
        return answer;
    }
}
