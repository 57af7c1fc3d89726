package org.weft.ejb.users;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.weft.core.json.JsonObject;
import org.weft.ejb.config.WeftSettings;
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

    public void changePassword(Requester requester, JsonObject auth, String newPassword, boolean logoutDevices) {
        // A password the policy refuses is refused before the user is asked to authenticate.
        PasswordPolicy.check(newPassword, settings.passwordPolicy());
        if (signIn.passwordIsManagedElsewhere(requester.userId())) {
            throw org.weft.core.error.MatrixException.forbidden(
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
        uia.authenticate(passwordFlow("devices/delete", requester), auth);
        devices.delete(requester.userId(), List.of(deviceId));
    }

    public void deleteDevices(Requester requester, List<String> deviceIds, JsonObject auth) {
        uia.authenticate(passwordFlow("delete_devices", requester), auth);
        devices.delete(requester.userId(), deviceIds);
    }

    /** The user's password, or single sign-on for users of an identity provider (SignInMethods). */
    private UiaFlows passwordFlow(String endpoint, Requester requester) {
        return new UiaFlows(endpoint, signIn.uiaFlows(requester.userId()), requester.userId());
    }
}
