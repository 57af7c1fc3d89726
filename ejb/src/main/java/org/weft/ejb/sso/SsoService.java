package org.weft.ejb.sso;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.OidcProviderSettings;
import org.weft.ejb.config.SsoSettings;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.uia.UiaFlows;
import org.weft.ejb.uia.UiaService;
import org.weft.ejb.users.Tokens;

/**
 * Client login via SSO (client-server API, "SSO client login", server behaviour): the redirect to
 * the identity provider, its callback, and the user's confirmation that the client may have
 * access, which ends in the client's {@code redirectUrl} with a login token; and the same at the
 * provider for user-interactive auth ("SSO during User-Interactive Authentication"), which ends in
 * the session's {@code m.login.sso} stage being done.
 *
 * <p>No transaction spans a request to the identity provider: each database step is its own
 * ({@link SsoAttempts}), so a slow provider holds no connection or lock.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SsoService {

    /** Path of the callback every OpenID provider is given, under {@code weft.public_baseurl}. */
    public static final String OIDC_CALLBACK_PATH = "_weft/sso/oidc/callback";

    private static final Logger LOG = Logger.getLogger(SsoService.class);

    @Inject
    WeftSettings settings;

    @Inject
    OidcClient oidc;

    @EJB
    SsoAttempts attempts;

    @EJB
    SignInMethods signIn;

    @EJB
    UiaService uia;

    /** The identity providers that can be used now; a misconfigured one is left out (and logged). */
    public List<IdentityProviderInfo> identityProviders() {
        return settings.sso().oidc().stream().filter(oidc::isAvailable)
                .map(p -> new IdentityProviderInfo(p.id(), p.name(), blankToNull(p.icon()), blankToNull(p.brand())))
                .toList();
    }

    /**
     * Starts a sign-in at provider {@code idpId} for the client at {@code redirectUrl}:
     * GET /login/sso/redirect/{idpId}. The redirect URL is checked first; an unknown or unavailable
     * provider is 404 M_NOT_FOUND.
     *
     * @param browserSecret the browser's cookie from an earlier attempt, or null
     */
    public SsoStart begin(String idpId, String redirectUrl, String browserSecret) {
        SsoSettings sso = settings.sso();
        RedirectUrls.check(redirectUrl, sso);
        OidcProviderSettings provider = provider(sso, idpId);
        if (!oidc.isAvailable(provider)) {
            throw MatrixException.notFound("Identity provider " + idpId + " is not available");
        }
        return start(provider, redirectUrl, null, browserSecret);
    }

    /**
     * Starts proving a user's identity again for user-interactive auth: GET
     * /auth/m.login.sso/fallback/web?session=... ("SSO during User-Interactive Authentication"), at
     * the identity provider the session's user signed in with.
     */
    public SsoStart beginUia(String uiaSession, String browserSecret) {
        String userId = uia.sessionUser(uiaSession);
        if (userId == null) {
            throw MatrixException.forbidden("Unknown or expired authentication session; try again from your client");
        }
        OidcProviderSettings provider = signIn.ssoProviderOf(userId)
                .orElseThrow(() -> MatrixException.forbidden("You have no identity provider to sign in with"));
        return start(provider, "", uiaSession, browserSecret);
    }

    private SsoStart start(OidcProviderSettings provider, String redirectUrl, String uiaSession, String browserSecret) {
        String browser = browserSecret == null || browserSecret.length() < 32 ? Tokens.randomString(32) : browserSecret;
        String state = Tokens.randomString(32);
        String nonce = Tokens.randomString(32);
        String verifier = Tokens.randomString(48);
        attempts.start(new SsoAttempts.Attempt(Tokens.hash(state), Tokens.hash(browser), provider.id(), redirectUrl,
                nonce, verifier, null, uiaSession, System.currentTimeMillis()));
        return new SsoStart(oidc.authorizationUrl(provider, callback(), state, nonce, verifier), browser);
    }

    /**
     * The provider's callback: the attempt is found by its state, in the browser that started it;
     * the code is swapped for an ID token, which is checked; the user is found or created. What is
     * left is the user's confirmation.
     *
     * @param error the provider's error parameter, when the user was not signed in there
     */
    public SsoConfirmation callback(String state, String code, String error, String browserSecret) {
        if (state == null || state.isEmpty()) {
            throw MatrixException.missingParam("state");
        }
        String stateHash = Tokens.hash(state);
        SsoAttempts.Attempt attempt = attempts.find(stateHash, browserSecret == null ? null : Tokens.hash(browserSecret));
        if (error != null) {
            LOG.infof("Sign-in through %s ended at the provider: %s", attempt.idpId(), error);
            throw MatrixException.forbidden("The identity provider did not sign you in (" + error + ")");
        }
        if (code == null || code.isEmpty()) {
            throw MatrixException.missingParam("code");
        }
        OidcProviderSettings provider = provider(settings.sso(), attempt.idpId());
        ExternalUser person = oidc.redeem(provider, callback(), code, attempt.codeVerifier(), attempt.nonce());
        if (attempt.uiaSession() != null) {
            String userId = uia.sessionUser(attempt.uiaSession());
            attempts.proveIdentity(stateHash, person, userId);
            uia.completeExternally(attempt.uiaSession(), UiaFlows.SSO);
            return new SsoConfirmation(userId, null, null, true);
        }
        String userId = attempts.vouch(stateHash, person);
        return new SsoConfirmation(userId, RedirectUrls.clientName(attempt.redirectUrl()), state, false);
    }

    /** The user confirmed on the page: where the browser goes now, login token included. */
    public String confirm(String state, String browserSecret) {
        if (state == null || state.isEmpty()) {
            throw MatrixException.missingParam("state");
        }
        return attempts.redeem(Tokens.hash(state), browserSecret == null ? null : Tokens.hash(browserSecret));
    }

    /** Checks a client's redirect URL as {@link #begin} does, for the page that picks a provider. */
    public void checkRedirectUrl(String redirectUrl) {
        RedirectUrls.check(redirectUrl, settings.sso());
    }

    /** Where the confirmation page's form goes. */
    public String confirmUrl() {
        return settings.publicBaseUrl() + "_weft/sso/confirm";
    }

    /** Cookies are marked Secure when clients reach Weft over HTTPS. */
    public boolean secureCookies() {
        return settings.publicBaseUrl().startsWith("https:");
    }

    private URI callback() {
        return URI.create(settings.publicBaseUrl() + OIDC_CALLBACK_PATH);
    }

    private static OidcProviderSettings provider(SsoSettings sso, String idpId) {
        return sso.oidc().stream().filter(p -> p.id().equals(idpId)).findFirst()
                .orElseThrow(() -> MatrixException.notFound("No identity provider " + idpId));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
