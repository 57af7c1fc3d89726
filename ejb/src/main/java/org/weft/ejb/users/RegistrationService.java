package org.weft.ejb.users;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.id.UserId;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.ratelimit.RateLimitedAction;
import org.weft.ejb.ratelimit.RateLimiter;
import org.weft.ejb.uia.UiaFlows;
import org.weft.ejb.uia.UiaService;
import org.weft.ejb.uia.UiaSession;

/**
 * POST /register (client-server API, "Legacy account registration"), in one transaction: the
 * username checks the spec wants before user-interactive auth, then UIA, then the account, the
 * registration token's use and the first session.
 */
@Stateless
public class RegistrationService {

    @Inject
    WeftSettings settings;

    @EJB
    RateLimiter rateLimiter;

    @EJB
    UiaService uia;

    @EJB
    AccountService accounts;

    @EJB
    RegistrationTokenService registrationTokens;

    @EJB
    SessionIssuer sessions;

    public RegistrationResult register(RegistrationRequest request) {
        rateLimiter.check(RateLimitedAction.REGISTRATION, request.clientAddress());
        if (request.guest()) {
            throw new MatrixException(ErrCode.M_GUEST_ACCESS_FORBIDDEN, "Guest access is disabled on this server");
        }
        if (!settings.registrationEnabled()) {
            throw MatrixException.forbidden("Registration is disabled");
        }
        // Spec: M_USER_IN_USE / M_INVALID_USERNAME / M_EXCLUSIVE come before UIA.
        UserId userId = request.username() == null ? null : accounts.checkAvailable(request.username());
        if (request.password() == null) {
            if (request.auth() == null) {
                // A client's first call may be empty, to learn the flows (spec: the 401 of
                // user-interactive auth); the password is asked for when the flow is finished.
                uia.authenticate(flows(), null);
            }
            throw MatrixException.missingParam("password");
        }
        PasswordPolicy.check(request.password(), settings.passwordPolicy());

        UiaSession auth = uia.authenticate(flows(), request.auth());

        if (userId == null) {
            userId = accounts.generateUserId();
        }
        accounts.create(userId, request.password(), false);
        if (auth.registrationToken() != null) {
            registrationTokens.consume(auth.registrationToken());
        }
        IssuedSession session = request.inhibitLogin() ? null
                : sessions.open(userId.toString(), request.deviceId(), request.initialDeviceDisplayName(),
                        request.refreshToken(), request.clientAddress());
        return new RegistrationResult(userId.toString(), settings.serverName().toString(), session);
    }

    /** The registration flows: a token when the server requires one, otherwise the dummy stage. */
    public UiaFlows flows() {
        String stage = settings.registrationRequiresToken() ? UiaFlows.REGISTRATION_TOKEN : UiaFlows.DUMMY;
        return new UiaFlows("register", List.of(List.of(stage)), null);
    }

    /** GET /register/m.login.registration_token/validity. */
    public boolean isTokenValid(String token, String clientAddress) {
        rateLimiter.check(RateLimitedAction.REGISTRATION, clientAddress);
        if (!settings.registrationEnabled()) {
            throw MatrixException.forbidden("Registration is not enabled on this homeserver.");
        }
        return registrationTokens.isValid(token);
    }

    /** GET /register/available. */
    public void checkAvailable(String username, String clientAddress) {
        rateLimiter.check(RateLimitedAction.REGISTRATION, clientAddress);
        accounts.checkAvailable(username);
    }
}
