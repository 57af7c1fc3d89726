package org.weft.ejb.sso;

/**
 * The page shown before the identity provider during user-interactive auth: who is asked to
 * confirm, what they are approving, and where they will sign in; the browser's cookie secret and
 * the check its form carries, so that only this page, in this browser, can go on (a form another
 * site posts has no cookie: it is SameSite=Lax).
 */
public record UiaPrompt(String userId, String action, String providerName, String session, String browserSecret,
                        String check) {

    /** The action a UIA session authorises, in words (the endpoints of AccountActions and cross-signing). */
    static String describe(String endpoint) {
        if (endpoint == null) {
            return "continue";
        }
        // What the session authorises may follow the endpoint after a space (the devices concerned).
        String[] parts = endpoint.split(" ", 2);
        String detail = parts.length > 1 ? parts[1] : "";
        return switch (parts[0]) {
            case "devices/delete" -> "sign out your device " + detail;
            case "delete_devices" -> "sign out your devices " + detail.replace(",", ", ");
            case "account/deactivate" -> "deactivate your account for good";
            case "account/password" -> "change your password";
            case "keys/device_signing/upload" -> "replace your cross-signing keys";
            case "login/get_token" -> "sign in another device as you";
            default -> "continue (" + endpoint + ")";
        };
    }
}
