package org.weft.ejb.sso;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.KerberosSettings;
import org.weft.ejb.config.OidcProviderSettings;
import org.weft.ejb.config.SamlProviderSettings;
import org.weft.ejb.config.SsoSettings;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.ratelimit.RateLimitedAction;
import org.weft.ejb.ratelimit.RateLimiter;
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
    /** Path of the page where the browser negotiates Kerberos with Weft. */
    public static final String KERBEROS_PATH = "_weft/sso/kerberos";

    private static final Logger LOG = Logger.getLogger(SsoService.class);

    @Inject
    WeftSettings settings;

    @Inject
    OidcClient oidc;

    @Inject
    SpnegoAcceptor spnego;

    @EJB
    SamlSignIn saml;

    @EJB
    SsoAttempts attempts;

    @EJB
    SignInMethods signIn;

    @EJB
    UiaService uia;

    @EJB
    RateLimiter rateLimiter;

    /** The identity providers that can be used now; a misconfigured one is left out (and logged). */
    public List<IdentityProviderInfo> identityProviders() {
        SsoSettings sso = settings.sso();
        List<IdentityProviderInfo> providers = new java.util.ArrayList<>(sso.oidc().stream().filter(oidc::isAvailable)
                .map(p -> new IdentityProviderInfo(p.id(), p.name(), blankToNull(p.icon()), blankToNull(p.brand())))
                .toList());
        sso.saml().stream().filter(p -> saml.isAvailable(p))
                .forEach(p -> providers.add(new IdentityProviderInfo(p.id(), p.name(), null, null)));
        if (spnego.isAvailable(sso.kerberos())) {
            providers.add(new IdentityProviderInfo(KerberosSettings.IDP_ID, sso.kerberos().name(), null, null));
        }
        return providers;
    }

    /**
     * Starts a sign-in at provider {@code idpId} for the client at {@code redirectUrl}:
     * GET /login/sso/redirect/{idpId}. The redirect URL is checked first; an unknown or unavailable
     * provider is 404 M_NOT_FOUND.
     *
     * @param browserSecret the browser's cookie from an earlier attempt, or null
     */
    public SsoStart begin(String idpId, String redirectUrl, String browserSecret, String clientAddress) {
        // Each attempt writes a row before anyone signed in: limited like logins.
        rateLimiter.check(RateLimitedAction.LOGIN_ADDRESS, clientAddress);
        SsoSettings sso = settings.sso();
        RedirectUrls.check(redirectUrl, sso);
        if (!isAvailable(sso, idpId)) {
            throw MatrixException.notFound("Identity provider " + idpId + " is not available");
        }
        return start(idpId, redirectUrl, null, browserSecret);
    }

    private boolean isAvailable(SsoSettings sso, String idpId) {
        if (KerberosSettings.IDP_ID.equals(idpId)) {
            return spnego.isAvailable(sso.kerberos());
        }
        return sso.oidc().stream().anyMatch(p -> p.id().equals(idpId) && oidc.isAvailable(p))
                || sso.saml().stream().anyMatch(p -> p.id().equals(idpId) && saml.isAvailable(p));
    }

    /**
     * What the page before the provider says of a user-interactive auth session: who, for what
     * (spec "SSO during User-Interactive Authentication": the user must know what they confirm, or
     * a link from someone holding a stolen token would have them approve it unknowingly).
     */
    public UiaPrompt uiaPrompt(String uiaSession, String browserSecret) {
        String userId = uia.sessionUser(uiaSession);
        if (userId == null) {
            throw MatrixException.forbidden("Unknown or expired authentication session; try again from your client");
        }
        String idpId = signIn.ssoProviderOf(userId)
                .orElseThrow(() -> MatrixException.forbidden("You have no identity provider to sign in with"));
        String idpName = identityProviders().stream().filter(p -> p.id().equals(idpId)).map(IdentityProviderInfo::name)
                .findFirst().orElse(idpId);
        String browser = usableBrowserSecret(browserSecret);
        return new UiaPrompt(userId, UiaPrompt.describe(uia.sessionEndpoint(uiaSession)), idpName, uiaSession, browser,
                Tokens.hash(browser + "\n" + uiaSession));
    }

    /**
     * Starts proving a user's identity again for user-interactive auth: GET
     * /auth/m.login.sso/fallback/web?session=... ("SSO during User-Interactive Authentication"), at
     * the identity provider the session's user signed in with.
     */
    public SsoStart beginUia(String uiaSession, String browserSecret, String check) {
        if (browserSecret == null || check == null || !check.equals(Tokens.hash(browserSecret + "\n" + uiaSession))) {
            throw MatrixException.forbidden("Open this page from your application again");
        }
        String userId = uia.sessionUser(uiaSession);
        if (userId == null) {
            throw MatrixException.forbidden("Unknown or expired authentication session; try again from your client");
        }
        String idpId = signIn.ssoProviderOf(userId)
                .orElseThrow(() -> MatrixException.forbidden("You have no identity provider to sign in with"));
        return start(idpId, "", uiaSession, browserSecret);
    }

    private SsoStart start(String idpId, String redirectUrl, String uiaSession, String browserSecret) {
        String browser = usableBrowserSecret(browserSecret);
        String state = Tokens.randomString(32);
        // The nonce is also the SAML request's ID, which must be an XML name (no leading digit).
        String nonce = "_" + Tokens.randomString(32);
        String verifier = Tokens.randomString(48);
        attempts.start(new SsoAttempts.Attempt(Tokens.hash(state), Tokens.hash(browser), idpId, redirectUrl,
                nonce, verifier, null, uiaSession, System.currentTimeMillis(), null));
        Optional<SamlProviderSettings> samlProvider = settings.sso().saml().stream().filter(p -> p.id().equals(idpId))
                .findFirst();
        URI location;
        if (KerberosSettings.IDP_ID.equals(idpId)) {
            location = URI.create(settings.publicBaseUrl() + KERBEROS_PATH + "?state=" + state);
        } else if (samlProvider.isPresent()) {
            location = saml.requestUrl(samlProvider.get(), nonce, state, uiaSession != null);
        } else {
            location = oidc.authorizationUrl(provider(settings.sso(), idpId), callback(), state, nonce, verifier,
                    uiaSession != null);
        }
        return new SsoStart(location, browser);
    }

    /**
     * The provider's callback: the attempt is found by its state, in the browser that started it;
     * the code is swapped for an ID token, which is checked; the user is found or created. What is
     * left is the user's confirmation.
     *
     * @param error the provider's error parameter, when the user was not signed in there
     */
    public SsoConfirmation callback(String state, String code, String error, String issuer, String browserSecret) {
        if (state == null || state.isEmpty()) {
            throw MatrixException.missingParam("state");
        }
        String stateHash = Tokens.hash(state);
        SsoAttempts.Attempt attempt = attempts.find(stateHash, browserSecret == null ? null : Tokens.hash(browserSecret));
        if (error != null) {
            LOG.infof("Sign-in through %s ended at the provider: %s", attempt.idpId(),
                    error.length() > 100 ? error.substring(0, 100) : error);
            // The provider's words are not repeated on Weft's page: anyone can put them in a link.
            throw MatrixException.forbidden("access_denied".equals(error) ? "You did not allow the sign-in"
                    : "The identity provider did not sign you in");
        }
        if (code == null || code.isEmpty()) {
            throw MatrixException.missingParam("code");
        }
        OidcProviderSettings provider = provider(settings.sso(), attempt.idpId());
        if (issuer != null && !issuer.equals(provider.issuer())) {
            // RFC 9207: the answer names another provider than the one this attempt went to (a mix-up).
            LOG.infof("Sign-in through %s refused: the callback came from issuer %s", provider.id(), issuer);
            throw MatrixException.forbidden("The answer came from another identity provider");
        }
        ExternalUser person = oidc.redeem(provider, callback(), code, attempt.codeVerifier(), attempt.nonce());
        return finish(state, attempt, person);
    }

    /**
     * The Kerberos page: the attempt must be a Kerberos one of this browser. Without a token the
     * caller asks the browser to negotiate (401 with {@code WWW-Authenticate: Negotiate}); with one,
     * the ticket it carries says who the user is (a user of the service's realm).
     *
     * @param negotiateToken the Negotiate token of the Authorization header, base64; null: none yet
     * @return empty when the browser must still negotiate
     */
    public java.util.Optional<SsoConfirmation> kerberos(String state, String negotiateToken, String browserSecret) {
        if (state == null || state.isEmpty()) {
            throw MatrixException.missingParam("state");
        }
        SsoAttempts.Attempt attempt = attempts.find(Tokens.hash(state),
                browserSecret == null ? null : Tokens.hash(browserSecret));
        if (!KerberosSettings.IDP_ID.equals(attempt.idpId())) {
            throw MatrixException.forbidden("This sign-in is not a Kerberos one");
        }
        if (negotiateToken == null) {
            return java.util.Optional.empty();
        }
        byte[] token;
        try {
            token = java.util.Base64.getDecoder().decode(negotiateToken.trim());
        } catch (IllegalArgumentException e) {
            throw MatrixException.forbidden("The Negotiate token is not base64");
        }
        KerberosSettings kerberos = settings.sso().kerberos();
        String principal = spnego.accept(kerberos, token);
        String name = KerberosNames.userOf(principal, kerberos.realm());
        if (name == null) {
            LOG.infof("Kerberos sign-in of %s refused: not a user of realm %s", principal, kerberos.realm());
            throw MatrixException.forbidden("Only users of " + kerberos.realm() + " can sign in here");
        }
        ExternalUser person = new ExternalUser(KerberosSettings.IDP_ID,
                name.toLowerCase(java.util.Locale.ROOT) + "@" + kerberos.realm().toUpperCase(java.util.Locale.ROOT),
                name, null, null, null);
        return java.util.Optional.of(finish(state, attempt, person));
    }

    /** After a provider vouched for the person: a UIA stage done, or a login to confirm. */
    private SsoConfirmation finish(String state, SsoAttempts.Attempt attempt, ExternalUser person) {
        String stateHash = Tokens.hash(state);
        if (attempt.uiaSession() != null) {
            String userId = uia.sessionUser(attempt.uiaSession());
            attempts.proveIdentity(stateHash, person, userId);
            uia.completeExternally(attempt.uiaSession(), UiaFlows.SSO);
            return new SsoConfirmation(userId, null, null, null, true);
        }
        String userId = attempts.vouch(stateHash, person);
        return new SsoConfirmation(userId, RedirectUrls.clientName(attempt.redirectUrl()), state, null, false);
    }

    /**
     * The user confirmed on the page: where the browser goes now, login token included.
     *
     * @param handoff the page's hand-off secret, for an attempt answered by SAML; else null
     */
    public String confirm(String state, String handoff, String browserSecret) {
        if (state == null || state.isEmpty()) {
            throw MatrixException.missingParam("state");
        }
        return attempts.redeem(Tokens.hash(state), browserSecret == null ? null : Tokens.hash(browserSecret),
                handoff == null ? null : Tokens.hash(handoff));
    }

    /** Checks a client's redirect URL as {@link #begin} does, for the page that picks a provider. */
    public void checkRedirectUrl(String redirectUrl) {
        RedirectUrls.check(redirectUrl, settings.sso());
    }

    /** Where the fallback page's form goes. */
    public String uiaStartUrl() {
        return settings.publicBaseUrl() + "_weft/sso/uia";
    }

    /** Where the confirmation page's form goes. */
    public String confirmUrl() {
        return settings.publicBaseUrl() + "_weft/sso/confirm";
    }

    /** Cookies are marked Secure when clients reach Weft over HTTPS. */
    public boolean secureCookies() {
        return settings.publicBaseUrl().startsWith("https:");
    }

    private static String usableBrowserSecret(String browserSecret) {
        return browserSecret == null || browserSecret.length() < 32 ? Tokens.randomString(32) : browserSecret;
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
