package org.weft.web.client;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.users.RegistrationRequest;
import org.weft.ejb.users.RegistrationResult;
import org.weft.ejb.users.RegistrationService;
import org.weft.web.http.ClientAddress;

/**
 * Account registration (client-server API, "Legacy account registration", "Token-authenticated
 * registration").
 */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

    @EJB
    RegistrationService registration;

    @Context
    HttpServletRequest http;

    /** {@code POST /_matrix/client/v3/register?kind=user|guest}: user-interactive auth. */
    @POST
    @Path("/v3/register")
    public Map<String, Object> register(@QueryParam("kind") String kind, JsonObject json) {
        boolean guest = "guest".equals(kind);
        if (kind != null && !guest && !"user".equals(kind)) {
            throw MatrixException.invalidParam("kind must be 'user' or 'guest'");
        }
                RegistrationResult result = registration.register(new RegistrationRequest(guest,
                json.optString("username"), json.optString("password"), json.optString("device_id"),
                json.optString("initial_device_display_name"), json.optBoolean("inhibit_login", false),
                json.optBoolean("refresh_token", false), json.optObject("auth"), ClientAddress.of(http)));
        if (result.session() == null) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("user_id", result.userId());
            answer.put("home_server", result.homeServer());
            return answer;
        }
        return Bodies.session(result.session(), result.homeServer());
    }

    /** {@code GET /_matrix/client/v3/register/available?username=}. */
    @GET
    @Path("/v3/register/available")
    public Map<String, Object> available(@QueryParam("username") String username) {
        registration.checkAvailable(Bodies.requireQuery(username, "username"), ClientAddress.of(http));
        return Map.of("available", true);
    }

    /** {@code GET /_matrix/client/v1/register/m.login.registration_token/validity?token=}. */
    @GET
    @Path("/v1/register/m.login.registration_token/validity")
    public Map<String, Object> tokenValidity(@QueryParam("token") String token) {
        boolean valid = registration.isTokenValid(Bodies.requireQuery(token, "token"), ClientAddress.of(http));
        return Map.of("valid", valid);
    }
}
