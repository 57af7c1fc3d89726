package org.weft.web.client;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.json.JsonObject;
import org.weft.ejb.users.AccountActions;
import org.weft.ejb.users.AccountService;
import org.weft.ejb.users.Requester;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;

/**
 * The signed-in user's account (client-server API, "Current account information", "Password
 * management", "Account deactivation", its email addresses).
 */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AccountResource {

    @EJB
    AccountActions actions;

    @EJB
    AccountService accounts;

    @Inject
    CurrentRequester requester;

    /** {@code GET /_matrix/client/v3/account/whoami}. */
    @GET
    @Path("/v3/account/whoami")
    public Map<String, Object> whoami() {
        Requester who = requester.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", who.userId());
        body.put("device_id", who.deviceId());
        body.put("is_guest", who.guest());
        return body;
    }

    /**
     * {@code GET /_matrix/client/v3/account/3pid} ("Adding Account Administrative Contact
     * Information"): the email addresses the organisation's identity provider or directory gives
     * the user. Users cannot change them here ({@code m.3pid_changes} is off).
     */
    @GET
    @Path("/v3/account/3pid")
    public Map<String, Object> threepids() {
        return Map.of("threepids", accounts.threepids(requester.get().userId()).stream()
                .map(t -> Map.of("medium", t.medium(), "address", t.address(), "validated_at", t.validatedTs(),
                        "added_at", t.addedTs()))
                .toList());
    }

    /** {@code POST /_matrix/client/v3/account/password}: UIA with m.login.password. */
    @POST
    @Path("/v3/account/password")
    public Map<String, Object> changePassword(JsonObject body) {
        actions.changePassword(requester.get(), body.optObject("auth"), body.requireString("new_password"),
                body.optBoolean("logout_devices", true));
        return Map.of();
    }

    /**
     * {@code POST /_matrix/client/v1/login/get_token} ("Login token", v1.7): a single-use login
     * token for another device of the user, after user-interactive auth.
     */
    @POST
    @Path("/v1/login/get_token")
    public Map<String, Object> loginTokenForDevice(JsonObject body) {
        AccountActions.DeviceLoginToken token = actions.loginTokenForDevice(requester.get(), body.optObject("auth"));
        return Map.of("login_token", token.token(), "expires_in_ms", token.expiresInMs());
    }

    /** {@code POST /_matrix/client/v3/account/deactivate}: UIA with m.login.password. */
    @POST
    @Path("/v3/account/deactivate")
    public Map<String, Object> deactivate(JsonObject body) {
        actions.deactivate(requester.get(), body.optObject("auth"));
        // Weft never binds addresses at an identity server, so there is nothing to unbind there.
        return Map.of("id_server_unbind_result", "no-support");
    }
}
