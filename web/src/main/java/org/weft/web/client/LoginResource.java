package org.weft.web.client;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.sso.IdentityProviderInfo;
import org.weft.ejb.sso.SsoService;
import org.weft.ejb.users.IssuedSession;
import org.weft.ejb.users.LoginService;
import org.weft.web.auth.Authenticated;
import org.weft.web.auth.CurrentRequester;
import org.weft.web.http.ClientAddress;

/**
 * Login, refresh and logout (client-server API, "Legacy login", "Token-based login", "Refreshing
 * access tokens", "Logout").
 */
@Path("/_matrix/client")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {

    static final String PASSWORD_LOGIN = "m.login.password";
    static final String TOKEN_LOGIN = "m.login.token";
    static final String SSO_LOGIN = "m.login.sso";

    @EJB
    LoginService login;

    @EJB
    SsoService sso;

    @Inject
    WeftSettings settings;

    @Inject
    CurrentRequester requester;

    @Context
    HttpServletRequest http;

    /**
     * {@code GET /_matrix/client/v3/login}: the login types this server supports; with single
     * sign-on, {@code m.login.sso} listing the identity providers that can be used now, and
     * {@code m.login.token}, which ends it.
     */
    @GET
    @Path("/v3/login")
    public Map<String, Object> flows() {
        List<IdentityProviderInfo> providers = sso.identityProviders();
        boolean deviceTokens = settings.loginTokensForDevicesEnabled();
        List<Map<String, Object>> flows = new java.util.ArrayList<>();
        flows.add(Map.of("type", PASSWORD_LOGIN));
        if (!providers.isEmpty()) {
            flows.add(Map.of("type", SSO_LOGIN, "identity_providers", providers.stream().map(LoginResource::idp).toList()));
        }
        if (!providers.isEmpty() || deviceTokens) {
            // get_login_token tells a device that is not signed in that another one can make it a token (v1.7).
            flows.add(deviceTokens ? Map.of("type", TOKEN_LOGIN, "get_login_token", true) : Map.of("type", TOKEN_LOGIN));
        }
        return Map.of("flows", flows);
    }

    private static Map<String, Object> idp(IdentityProviderInfo p) {
        Map<String, Object> idp = new java.util.LinkedHashMap<>();
        idp.put("id", p.id());
        idp.put("name", p.name());
        if (p.icon() != null) {
            idp.put("icon", p.icon());
        }
        if (p.brand() != null) {
            idp.put("brand", p.brand());
        }
        return idp;
    }

    /** {@code POST /_matrix/client/v3/login} with {@code m.login.password} or {@code m.login.token}. */
    @POST
    @Path("/v3/login")
    public Map<String, Object> login(JsonObject body) {
        String type = body.requireString("type");
        if (TOKEN_LOGIN.equals(type)) {
            IssuedSession session = login.tokenLogin(body.requireString("token"), body.optString("device_id"),
                    body.optString("initial_device_display_name"), body.optBoolean("refresh_token", false),
                    ClientAddress.of(http));
            return Bodies.session(session, settings.serverName().toString());
        }
        if (!PASSWORD_LOGIN.equals(type)) {
            throw new MatrixException(ErrCode.M_UNKNOWN, 400, "Unknown login type " + type, Map.of());
        }
        String userId = login.userOf(body);
        IssuedSession session = login.passwordLogin(userId, body.requireString("password"),
                body.optString("device_id"), body.optString("initial_device_display_name"),
                body.optBoolean("refresh_token", false), ClientAddress.of(http));
        return Bodies.session(session, settings.serverName().toString());
    }

    /** {@code POST /_matrix/client/v3/refresh}: swaps a refresh token for new tokens. */
    @POST
    @Path("/v3/refresh")
    public Map<String, Object> refresh(JsonObject body) {
        IssuedSession session = login.refresh(body.requireString("refresh_token"));
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("access_token", session.accessToken());
        if (session.refreshToken() != null) {
            answer.put("refresh_token", session.refreshToken());
            answer.put("expires_in_ms", session.expiresInMs());
        }
        return answer;
    }

    /** {@code POST /_matrix/client/v3/logout}: ends this session and deletes its device. */
    @POST
    @Path("/v3/logout")
    @Authenticated
    public Map<String, Object> logout() {
        login.logout(requester.get());
        return Map.of();
    }

    /** {@code POST /_matrix/client/v3/logout/all}: ends every session of the user. */
    @POST
    @Path("/v3/logout/all")
    @Authenticated
    public Map<String, Object> logoutAll() {
        login.logoutAll(requester.get());
        return Map.of();
    }
}
