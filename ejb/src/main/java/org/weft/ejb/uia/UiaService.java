package org.weft.ejb.uia;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.infinispan.Cache;
import org.weft.core.error.ErrCode;
import org.weft.core.error.InteractiveAuthRequired;
import org.weft.core.error.MatrixException;
import org.weft.core.json.JsonObject;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.sso.SignInMethods;
import org.weft.ejb.users.LoginIdentifier;
import org.weft.ejb.users.RegistrationTokenService;
import org.weft.ejb.ratelimit.RateLimitedAction;
import org.weft.ejb.users.ThreepidStore;
import org.weft.ejb.users.Tokens;

/**
 * User-interactive authentication (client-server API, "User-Interactive Authentication API"):
 * drives a session through the stages of one of an endpoint's flows and lets the request through
 * only once a flow is complete. Every other answer is the spec's 401 body.
 *
 * <p>Sessions live in the {@code uia-sessions} Infinispan cache, which expires them after 15
 * minutes. The cache is not transactional on purpose: a stage completed during a request that is
 * then refused (and rolled back) stays completed, as the spec wants completed stages kept.
 */
@Stateless
public class UiaService {

    @Resource(lookup = "java:jboss/infinispan/cache/weft/uia-sessions")
    Cache<String, String> sessions;

    @EJB
    org.weft.ejb.ratelimit.RateLimiter rateLimiter;

    @EJB
    ThreepidStore threepids;

    @EJB
    SignInMethods signIn;

    @EJB
    RegistrationTokenService registrationTokens;

    @Inject
    WeftSettings settings;

    /**
     * Checks the request's {@code auth} dict against the flows.
     *
     * @param auth the request's auth dict, or null when it had none
     * @return the completed session, whose data (e.g. the registration token) the caller may use
     * @throws InteractiveAuthRequired (401) while stages remain or when an attempt failed
     */
    public UiaSession authenticate(UiaFlows flows, JsonObject auth) {
        if (auth == null) {
            throw challenge(flows, newSession(flows), null, null);
        }
        String sessionId = auth.optString("session");
        UiaSession session = sessionId == null ? newSession(flows) : load(sessionId, flows);
        String type = auth.optString("type");
        if (type != null && !session.completed().contains(type)) {
            if (!flows.allowsNext(session.completed(), type)) {
                throw challenge(flows, session, ErrCode.M_FORBIDDEN,
                        "Authentication stage " + type + " is not expected now");
            }
            session = attempt(flows, session, type, auth);
            save(session);
        }
        if (!flows.isComplete(session.completed())) {
            throw challenge(flows, session, null, null);
        }
        // A finished session must not authorise a second request.
        sessions.remove(session.id());
        return session;
    }

    private UiaSession attempt(UiaFlows flows, UiaSession session, String type, JsonObject auth) {
        switch (type) {
            case UiaFlows.DUMMY:
                return session.withCompleted(type);
            case UiaFlows.PASSWORD: {
                // Counted as logins of the account: a stolen access token must not become a way to
                // guess the password without limit.
                rateLimiter.check(RateLimitedAction.LOGIN_ACCOUNT, flows.userId());
                String password = auth.optString("password");
                String userId = passwordStageUser(auth);
                if (password == null || userId == null || !userId.equals(flows.userId())
                        || !signIn.checkPassword(userId, password)) {
                    throw challenge(flows, session, ErrCode.M_FORBIDDEN, "Invalid password");
                }
                return session.withCompleted(type);
            }
            case UiaFlows.REGISTRATION_TOKEN: {
                String token = auth.optString("token");
                if (!registrationTokens.isValid(token)) {
                    throw challenge(flows, session, ErrCode.M_UNAUTHORIZED, "Invalid registration token");
                }
                return session.withRegistrationToken(token).withCompleted(type);
            }
            case UiaFlows.SSO:
                // Completed only by the fallback page, once the identity provider vouched for the user.
                throw challenge(flows, session, ErrCode.M_FORBIDDEN, "Sign in on the page at"
                        + " /_matrix/client/v3/auth/m.login.sso/fallback/web?session=" + session.id() + " first");
            default:
                throw challenge(flows, session, ErrCode.M_FORBIDDEN, "Unsupported authentication type " + type);
        }
    }

    /** What an unfinished session authorises (e.g. "delete_devices"), or null when there is no such session. */
    public String sessionEndpoint(String sessionId) {
        String stored = sessionId == null ? null : sessions.get(sessionId);
        return stored == null ? null : UiaSession.fromJson(stored).endpoint();
    }

    /** The user whose session this is, if it exists and is unfinished; null otherwise. */
    public String sessionUser(String sessionId) {
        String stored = sessionId == null ? null : sessions.get(sessionId);
        return stored == null ? null : UiaSession.fromJson(stored).userId();
    }

    /**
     * Marks a stage done outside the request it authorises: the m.login.sso fallback page, after
     * the identity provider vouched for the session's user. The client then retries its request
     * with the session alone.
     */
    public void completeExternally(String sessionId, String stage) {
        String stored = sessions.get(sessionId);
        if (stored == null) {
            throw MatrixException.forbidden("The authentication session has expired; try again from your client");
        }
        UiaSession session = UiaSession.fromJson(stored);
        if (!session.completed().contains(stage)) {
            save(session.withCompleted(stage));
        }
    }

    private UiaSession newSession(UiaFlows flows) {
        UiaSession session = new UiaSession(Tokens.randomString(18), flows.endpoint(), flows.userId(), List.of(), null);
        save(session);
        return session;
    }

    private UiaSession load(String sessionId, UiaFlows flows) {
        String stored = sessions.get(sessionId);
        if (stored == null) {
            throw MatrixException.invalidParam("Unknown or expired authentication session");
        }
        UiaSession session = UiaSession.fromJson(stored);
        boolean sameUser = flows.userId() == null ? session.userId() == null : flows.userId().equals(session.userId());
        if (!session.endpoint().equals(flows.endpoint()) || !sameUser) {
            throw MatrixException.forbidden("Requested operation has changed during the authentication session");
        }
        return session;
    }

    private void save(UiaSession session) {
        sessions.put(session.id(), session.toJson());
    }

    private static InteractiveAuthRequired challenge(UiaFlows flows, UiaSession session, ErrCode error,
                                                     String message) {
        return new InteractiveAuthRequired(flows.flows(), Map.of(), session.id(), session.completed(), error, message);
    }

    /** The password stage treats a malformed identifier as a wrong password, not a bad request. */
    private String passwordStageUser(JsonObject auth) {
        try {
            return LoginIdentifier.resolveUser(auth, settings.serverName(), threepids::userOf);
        } catch (MatrixException e) {
            return null;
        }
    }
}
