package org.weft.ejb.sso;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.URI;
import java.security.PublicKey;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.SamlProviderSettings;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.uia.UiaFlows;
import org.weft.ejb.uia.UiaService;
import org.weft.ejb.users.Tokens;

/**
 * Single sign-on at SAML 2.0 identity providers (Web Browser SSO profile; ADR 0018), for the
 * client-server API's "SSO client login": the request
 * by HTTP-Redirect, the answer by HTTP-POST to the assertion consumer service (ACS), checked by
 * {@link SamlResponseCheck}. The IdP's POST comes from another site, so it carries no SameSite=Lax
 * cookie: the ACS records who the IdP vouched for with a hand-off secret, and redirects the posting
 * browser with that secret to a page of Weft's own, where the cookie of the browser that started
 * the attempt is checked too before anything is confirmed or any token minted. So the IdP's answer
 * in one browser cannot complete an attempt started in another (an attacker's link).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SamlSignIn {

    static final String ACS_PATH = "_weft/sso/saml/acs";

    private static final Logger LOG = Logger.getLogger(SamlSignIn.class);

    @Inject
    WeftSettings settings;

    @Inject
    SamlKeys keys;

    @EJB
    SsoAttempts attempts;

    @EJB
    UiaService uia;

    /** Whether the provider can be offered: set up, and its certificate readable. */
    public boolean isAvailable(SamlProviderSettings provider) {
        return keys.keyOf(provider).isPresent();
    }

    /**
     * The IdP's SSO URL with this attempt's AuthnRequest; {@code forceAuthn} for user-interactive
     * auth, which must prove a fresh sign-in even when the IdP has a session.
     */
    public URI requestUrl(SamlProviderSettings provider, String requestId, String state, boolean forceAuthn) {
        return URI.create(SamlRequests.redirectUrl(provider.ssoUrl(), requestId, spEntityId(provider), acsUrl(), state,
                Instant.now(), forceAuthn));
    }

    /** Weft's SP metadata for provider {@code id}, to give the IdP's administrator; unknown: 404. */
    public String metadata(String id) {
        return SamlRequests.metadata(spEntityId(provider(id)), acsUrl());
    }

    /**
     * The IdP's answer at the ACS: the response is checked against the attempt its RelayState
     * names; the person is recorded on the attempt (a new user created at the first sign-in) with
     * the hash of a fresh hand-off secret. What is left: the browser's own step ({@link #resume}),
     * which needs both the secret, given only to the browser that posted this answer, and the
     * cookie of the browser that started the attempt.
     *
     * @return where that browser goes: {@code /_weft/sso/saml/continue} with the state and the secret
     */
    public String consume(String samlResponse, String relayState) {
        if (samlResponse == null || samlResponse.isEmpty()) {
            throw MatrixException.missingParam("SAMLResponse");
        }
        if (relayState == null || relayState.isEmpty()) {
            throw MatrixException.missingParam("RelayState");
        }
        String stateHash = Tokens.hash(relayState);
        SsoAttempts.Attempt attempt = attempts.findUnbound(stateHash);
        SamlProviderSettings provider = provider(attempt.idpId());
        PublicKey key = keys.keyOf(provider)
                .orElseThrow(() -> MatrixException.notFound("Identity provider " + provider.id() + " is not available"));
        SamlResponseCheck.Result result;
        try {
            result = SamlResponseCheck.check(samlResponse, new SamlResponseCheck.Expected(provider.idpEntityId(), key,
                    spEntityId(provider), acsUrl(), attempt.nonce(), Instant.now(), provider.clockSkewMs()));
        } catch (SamlResponseCheck.Refused e) {
            LOG.infof("Sign-in through %s refused: %s", provider.id(), e.getMessage());
            throw MatrixException.forbidden("The identity provider's answer was not accepted");
        }
        String name = provider.localpartAttribute().isEmpty() ? null : result.attribute(provider.localpartAttribute());
        ExternalUser person = new ExternalUser(provider.id(), result.nameId(), name == null ? result.nameId() : name,
                provider.displaynameAttribute().isEmpty() ? null : result.attribute(provider.displaynameAttribute()), null,
                provider.emailAttribute().isEmpty() ? null : result.attribute(provider.emailAttribute()));
        String handoff = Tokens.randomString(32);
        if (attempt.uiaSession() != null) {
            attempts.vouchLinked(stateHash, person, uia.sessionUser(attempt.uiaSession()), Tokens.hash(handoff));
        } else {
            attempts.vouch(stateHash, person, Tokens.hash(handoff));
        }
        return settings.publicBaseUrl() + "_weft/sso/saml/continue?state=" + urlEncoded(relayState)
                + "&handoff=" + urlEncoded(handoff);
    }

    /**
     * Back on Weft's own page, in the browser that started the attempt: a login to confirm, or a
     * UIA stage done.
     */
    public SsoConfirmation resume(String state, String handoff, String browserSecret) {
        if (state == null || state.isEmpty()) {
            throw MatrixException.missingParam("state");
        }
        if (handoff == null || handoff.isEmpty()) {
            throw MatrixException.missingParam("handoff");
        }
        String stateHash = Tokens.hash(state);
        String browserHash = browserSecret == null ? null : Tokens.hash(browserSecret);
        SsoAttempts.Attempt attempt = attempts.findHandedOff(stateHash, browserHash, Tokens.hash(handoff));
        if (attempt.userId() == null || attempt.handoffHash() == null) {
            throw MatrixException.forbidden("Sign in at the identity provider first");
        }
        if (attempt.uiaSession() != null) {
            attempts.spendVouched(stateHash, browserHash, Tokens.hash(handoff));
            uia.completeExternally(attempt.uiaSession(), UiaFlows.SSO);
            return new SsoConfirmation(attempt.userId(), null, null, null, true);
        }
        return new SsoConfirmation(attempt.userId(), RedirectUrls.clientName(attempt.redirectUrl()), state, handoff,
                false);
    }

    private static String urlEncoded(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private SamlProviderSettings provider(String id) {
        return settings.sso().saml().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> MatrixException.notFound("No identity provider " + id));
    }

    private String acsUrl() {
        return settings.publicBaseUrl() + ACS_PATH;
    }

    private String spEntityId(SamlProviderSettings provider) {
        return provider.spEntityId().isEmpty() ? settings.publicBaseUrl() + "_weft/sso/saml/" + provider.id() + "/metadata"
                : provider.spEntityId();
    }
}
