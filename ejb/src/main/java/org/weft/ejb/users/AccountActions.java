package org.weft.ejb.users;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.weft.core.json.JsonObject;
import org.weft.ejb.config.WeftSettings;
import org.weft.core.error.MatrixException;
import org.weft.ejb.ratelimit.RateLimitedAction;
import org.weft.ejb.ratelimit.RateLimiter;
import org.weft.ejb.sso.LoginTokens;
import org.weft.ejb.sso.SignInMethods;
import org.weft.ejb.uia.UiaFlows;
import org.weft.ejb.uia.UiaService;

/**
 * The account actions that need the user's password again through user-interactive auth
 * (client-server API, "Password management", "Account deactivation", "Device management"). Each
 * runs the UIA check and the action in one transaction.
 */
@Stateless
public class AccountActions {

    @EJB
    UiaService uia;

    @EJB
    AccountService accounts;

    @EJB
    DeviceService devices;

    @Inject
    WeftSettings settings;

    @EJB
    SignInMethods signIn;

    @EJB
    LoginTokens loginTokens;

    @EJB
    RateLimiter rateLimiter;

    public void changePassword(Requester requester, JsonObject auth, String newPassword, boolean logoutDevices) {
        // A password the policy refuses is refused before the user is asked to authenticate.
        PasswordPolicy.check(newPassword, settings.passwordPolicy());
        if (signIn.passwordIsManagedElsewhere(requester.userId())) {
            throw MatrixException.forbidden(
                    "Your password is managed by your organisation's sign-in, not by this server");
        }
        uia.authenticate(passwordFlow("account/password", requester), auth);
        accounts.changePassword(requester, newPassword, logoutDevices);
    }

    public void deactivate(Requester requester, JsonObject auth) {
        uia.authenticate(passwordFlow("account/deactivate", requester), auth);
        accounts.deactivate(requester.userId());
    }

    /** DELETE /devices/{deviceId}: an unknown device is 404 before any authentication is asked. */
    public void deleteDevice(Requester requester, String deviceId, JsonObject auth) {
        devices.requireExists(requester.userId(), deviceId);
        // The device is part of what the session authorises: approving the removal of one device
        // must not approve another's ("the operation must be consistent through the session").
        uia.authenticate(passwordFlow("devices/delete " + java.net.URLEncoder.encode(deviceId,
                java.nio.charset.StandardCharsets.UTF_8), requester), auth);
        devices.delete(requester.userId(), List.of(deviceId));
    }

    public void deleteDevices(Requester requester, List<String> deviceIds, JsonObject auth) {
        // Each ID encoded, so that no list of IDs can read as another ("a,b" against "a" and "b").
        uia.authenticate(passwordFlow("delete_devices " + new java.util.TreeSet<>(deviceIds).stream()
                .map(id -> java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining(",")), requester), auth);
        devices.delete(requester.userId(), deviceIds);
    }

    /** A login token for another device, and how long it lasts. */
    public record DeviceLoginToken(String token, long expiresInMs) {
    }

    /**
     * POST /login/get_token (client-server API, "Login token", v1.7): a login token for another
     * device of the user, after user-interactive auth every time (a UIA session serves once), and
     * rate-limited per user. Off unless {@code weft.login.get_token.enabled}: then 404 M_UNRECOGNIZED,
     * as for an optional endpoint a server does not offer.
     */
    public DeviceLoginToken loginTokenForDevice(Requester requester, JsonObject auth) {
        if (!settings.loginTokensForDevicesEnabled()) {
            throw MatrixException.unrecognized("This server does not make login tokens for other devices");
        }
        uia.authenticate(passwordFlow("login/get_token", requester), auth);
        rateLimiter.check(RateLimitedAction.GET_LOGIN_TOKEN, requester.userId());
        long lifetime = settings.loginTokensForDevicesLifetimeMs();
        return new DeviceLoginToken(loginTokens.issue(requester.userId(), lifetime), lifetime);
    }

    /** The user's password, or single sign-on for users of an identity provider (SignInMethods). */
    private UiaFlows passwordFlow(String endpoint, Requester requester) {
        return new UiaFlows(endpoint, signIn.uiaFlows(requester.userId()), requester.userId());
    }
}
