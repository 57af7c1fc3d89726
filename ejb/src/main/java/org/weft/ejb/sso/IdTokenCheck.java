package org.weft.ejb.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.util.Set;

/**
 * The checks of an ID token (OpenID Connect Core 1.0, 3.1.3.7 "ID Token Validation"): a signature
 * by one of the provider's keys with an asymmetric algorithm ({@code none} and shared-secret
 * algorithms are refused), the issuer, our client ID among the audiences, not expired (a minute of
 * clock skew allowed), and the nonce of this attempt. Separate from the HTTP exchange so that each
 * check is unit-tested with tokens signed in the test.
 */
final class IdTokenCheck {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    private IdTokenCheck() {
    }

    /** The token's claims if every check passes; otherwise the reason, as an exception. */
    static IDTokenClaimsSet validate(JWT idToken, Issuer issuer, String clientId, JWKSource<SecurityContext> keys,
                                     String nonce) throws BadJOSEException, JOSEException {
        IDTokenValidator validator = new IDTokenValidator(issuer, new ClientID(clientId),
                new JWSVerificationKeySelector<>(ALGORITHMS, keys), null);
        validator.setMaxClockSkew(60);
        return validator.validate(idToken, new Nonce(nonce));
    }
}
