package org.weft.ejb.sso;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.OidcProviderSettings;

/**
 * Weft as an OpenID Connect relying party, with the Nimbus OAuth 2.0 SDK (ADR 0017): the
 * provider's metadata from discovery, the authorization code flow with PKCE (S256), and the ID
 * token's checks (OpenID Connect Core 3.1.3.7): signature by a key of the provider's JWK set,
 * issuer, audience (our client ID), expiry and issue time, and the nonce of this attempt.
 *
 * <p>Discovery answers are kept for an hour; a provider that cannot be discovered is left out of
 * {@code GET /login} for a minute, logged once each time, and tried again.
 */
@ApplicationScoped
public class OidcClient {

    private static final Logger LOG = Logger.getLogger(OidcClient.class);
    private static final long KEEP_MS = 3_600_000L;
    private static final long RETRY_MS = 60_000L;

    private record Discovered(OidcProviderSettings settings, OIDCProviderMetadata metadata,
                              JWKSource<SecurityContext> keys, long until) {
    }

    private final Map<String, Discovered> discovered = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** Whether the provider can be offered now: configured and discovered. */
    public boolean isAvailable(OidcProviderSettings provider) {
        return provider.isComplete() && discover(provider).metadata() != null;
    }

    /** Where to send the browser: the provider's authorization endpoint with this attempt's parameters. */
    /**
     * @param reauthenticate the user must sign in again even with a session at the provider
     *                       ({@code prompt=login}): user-interactive auth proves a fresh sign-in
     */
    public URI authorizationUrl(OidcProviderSettings provider, URI callback, String state, String nonce,
                                String codeVerifier, boolean reauthenticate) {
        OIDCProviderMetadata metadata = require(provider);
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                Scope.parse(provider.scopes()), new ClientID(provider.clientId()), callback)
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(new State(state)).nonce(new Nonce(nonce))
                .codeChallenge(new CodeVerifier(codeVerifier), CodeChallengeMethod.S256);
        if (reauthenticate) {
            request.prompt(new com.nimbusds.openid.connect.sdk.Prompt(com.nimbusds.openid.connect.sdk.Prompt.Type.LOGIN));
        }
        return request.build().toURI();
    }

    /**
     * Swaps the authorization code for tokens and checks the ID token; the person it names.
     * Anything wrong is 403 M_FORBIDDEN, with the reason logged (once, at INFO, without tokens).
     */
    public ExternalUser redeem(OidcProviderSettings provider, URI callback, String code, String codeVerifier,
                               String nonce) {
        Discovered found = discover(provider);
        if (found.metadata() == null) {
            throw MatrixException.notFound("Identity provider " + provider.id() + " is not available");
        }
        OIDCProviderMetadata metadata = found.metadata();
        try {
            TokenRequest request = tokenRequest(provider, metadata, new AuthorizationCodeGrant(
                    new AuthorizationCode(code), callback, new CodeVerifier(codeVerifier)));
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout((int) provider.timeoutMs());
            http.setReadTimeout((int) provider.timeoutMs());
            TokenResponse response = OIDCTokenResponseParser.parse(http.send());
            if (!response.indicatesSuccess()) {
                ErrorObject error = response.toErrorResponse().getErrorObject();
                throw refused(provider, "the token endpoint said " + error.getCode() + " (" + error.getDescription() + ")");
            }
            JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
            if (idToken == null) {
                throw refused(provider, "the token response has no ID token");
            }
            IDTokenClaimsSet claims = IdTokenCheck.validate(idToken, metadata.getIssuer(), provider.clientId(),
                    found.keys(), nonce);
            String subject = claims.getSubject().getValue();
            return new ExternalUser(provider.id(), subject, claims.getStringClaim(provider.localpartClaim()),
                    claims.getStringClaim(provider.displaynameClaim()), null, verifiedEmail(claims));
        } catch (MatrixException e) {
            throw e;
        } catch (com.nimbusds.jose.JOSEException | com.nimbusds.jose.proc.BadJOSEException e) {
            throw refused(provider, "its ID token failed the checks: " + e.getMessage());
        } catch (Exception e) {
            throw refused(provider, "the token request failed: " + e);
        }
    }

    private TokenRequest tokenRequest(OidcProviderSettings provider, OIDCProviderMetadata metadata,
                                      AuthorizationCodeGrant grant) {
        ClientID client = new ClientID(provider.clientId());
        if (provider.clientSecret().isEmpty()) {
            return new TokenRequest(metadata.getTokenEndpointURI(), client, grant);
        }
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        ClientAuthentication auth = methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                ? new ClientSecretPost(client, new Secret(provider.clientSecret()))
                : new ClientSecretBasic(client, new Secret(provider.clientSecret()));
        return new TokenRequest(metadata.getTokenEndpointURI(), auth, grant);
    }

    private OIDCProviderMetadata require(OidcProviderSettings provider) {
        return Optional.ofNullable(discover(provider).metadata())
                .orElseThrow(() -> MatrixException.notFound("Identity provider " + provider.id() + " is not available"));
    }

    /**
     * The provider's metadata and keys: from memory while fresh; otherwise discovered again by one
     * thread per provider (the others wait for its answer rather than asking too). A failed
     * rediscovery keeps the last good answer for another minute, so a provider's brief outage does
     * not fail the sign-ins already under way.
     */
    private Discovered discover(OidcProviderSettings provider) {
        Discovered known = discovered.get(provider.id());
        if (isFresh(known, provider)) {
            return known;
        }
        synchronized (lockFor(provider.id())) {
            known = discovered.get(provider.id());
            if (isFresh(known, provider)) {
                return known;
            }
            long now = System.currentTimeMillis();
            Discovered fresh;
            try {
                OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(provider.issuer()),
                        (int) provider.timeoutMs(), (int) provider.timeoutMs());
                JWKSource<SecurityContext> keys = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL(),
                        new DefaultResourceRetriever((int) provider.timeoutMs(), (int) provider.timeoutMs())).build();
                fresh = new Discovered(provider, metadata, keys, now + KEEP_MS);
            } catch (Exception e) {
                boolean keepOld = known != null && known.metadata() != null && known.settings().equals(provider);
                LOG.warnf("OpenID provider %s (issuer %s): discovery failed: %s; %s", provider.id(), provider.issuer(),
                        e.toString(), keepOld ? "using its last answer for now" : "left out of sign-in for now");
                fresh = keepOld ? new Discovered(provider, known.metadata(), known.keys(), now + RETRY_MS)
                        : new Discovered(provider, null, null, now + RETRY_MS);
            }
            discovered.put(provider.id(), fresh);
            return fresh;
        }
    }

    private static boolean isFresh(Discovered known, OidcProviderSettings provider) {
        return known != null && known.until() > System.currentTimeMillis() && known.settings().equals(provider);
    }

    private Object lockFor(String providerId) {
        return locks.computeIfAbsent(providerId, id -> new Object());
    }

    private static MatrixException refused(OidcProviderSettings provider, String why) {
        LOG.infof("Sign-in through %s refused: %s", provider.id(), why);
        return MatrixException.forbidden("The identity provider's answer was not accepted");
    }

    /** The standard {@code email} claim, unless the provider says it is not verified (OpenID Connect Core 5.1). */
    private static String verifiedEmail(IDTokenClaimsSet claims) {
        return Boolean.FALSE.equals(claims.getBooleanClaim("email_verified")) ? null : claims.getStringClaim("email");
    }
}
