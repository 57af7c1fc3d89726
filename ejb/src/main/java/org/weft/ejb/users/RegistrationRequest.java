package org.weft.ejb.users;

import org.weft.core.json.JsonObject;

/**
 * A POST /register request as parsed by the web layer.
 *
 * @param guest       {@code kind=guest}
 * @param auth        the UIA auth dict, null when absent
 * @param clientAddress for per-address rate limiting
 */
public record RegistrationRequest(boolean guest, String username, String password, String deviceId,
                                  String initialDeviceDisplayName, boolean inhibitLogin,
                                  boolean refreshToken, JsonObject auth, String clientAddress) {
}
