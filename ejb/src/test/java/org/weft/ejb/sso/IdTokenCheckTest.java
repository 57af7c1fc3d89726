package org.weft.ejb.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.Issuer;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each ID token check, with tokens signed here by a provider key and by others. */
class IdTokenCheckTest {

    private static final Issuer ISSUER = new Issuer("https://idp.corp.example/realms/corp");
    private static final String CLIENT = "weft";
    private static final String NONCE = "n-0S6_WzA2Mj";

    private static RSAKey providerKey;
    private static RSAKey strangerKey;
    private static ImmutableJWKSet<SecurityContext> providerKeys;

    @BeforeAll
    static void keys() throws Exception {
        providerKey = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        strangerKey = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        providerKeys = new ImmutableJWKSet<>(new JWKSet(providerKey.toPublicJWK()));
    }

    private static JWTClaimsSet.Builder claims() {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder().issuer(ISSUER.getValue()).subject("f:1234").audience(List.of(CLIENT))
                .issueTime(new Date(now)).expirationTime(new Date(now + 300_000)).claim("nonce", NONCE)
                .claim("preferred_username", "alice");
    }

    private static SignedJWT signed(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                change.apply(claims()).build());
        jwt.sign(new RSASSASigner(key));
        return jwt;
    }

    @Test
    void aTokenThatPassesEveryCheckGivesItsClaims() throws Exception {
        assertEquals("alice", IdTokenCheck.validate(signed(providerKey, c -> c), ISSUER, CLIENT, providerKeys, NONCE)
                .getStringClaim("preferred_username"));
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        assertThrows(BadJOSEException.class,
                () -> IdTokenCheck.validate(signed(strangerKey, c -> c), ISSUER, CLIENT, providerKeys, NONCE));
    }

    @Test
    void aPayloadChangedAfterSigningIsRefused() throws Exception {
        String[] parts = signed(providerKey, c -> c).serialize().split("\\.");
        String forgedPayload = signed(providerKey, c -> c.subject("mallory")).serialize().split("\\.")[1];
        SignedJWT forged = SignedJWT.parse(parts[0] + "." + forgedPayload + "." + parts[2]);
        assertThrows(BadJOSEException.class, () -> IdTokenCheck.validate(forged, ISSUER, CLIENT, providerKeys, NONCE));
    }

    @Test
    void anotherAudienceIsRefused() {
        assertThrows(BadJOSEException.class, () -> IdTokenCheck.validate(
                signed(providerKey, c -> c.audience(List.of("some-other-client"))), ISSUER, CLIENT, providerKeys, NONCE));
    }

    @Test
    void anotherIssuerIsRefused() {
        assertThrows(BadJOSEException.class, () -> IdTokenCheck.validate(
                signed(providerKey, c -> c.issuer("https://evil.example/")), ISSUER, CLIENT, providerKeys, NONCE));
    }

    @Test
    void anExpiredTokenIsRefused() {
        long past = System.currentTimeMillis() - 3_600_000;
        assertThrows(BadJOSEException.class, () -> IdTokenCheck.validate(signed(providerKey,
                c -> c.issueTime(new Date(past)).expirationTime(new Date(past + 60_000))), ISSUER, CLIENT, providerKeys, NONCE));
    }

    @Test
    void anotherOrAMissingNonceIsRefused() {
        assertThrows(BadJOSEException.class, () -> IdTokenCheck.validate(
                signed(providerKey, c -> c.claim("nonce", "replayed")), ISSUER, CLIENT, providerKeys, NONCE));
        assertThrows(BadJOSEException.class, () -> IdTokenCheck.validate(
                signed(providerKey, c -> c.claim("nonce", null)), ISSUER, CLIENT, providerKeys, NONCE));
    }

    @Test
    void unsignedAndSharedSecretTokensAreRefused() throws Exception {
        PlainJWT unsigned = new PlainJWT(claims().build());
        assertThrows(BadJOSEException.class, () -> IdTokenCheck.validate(unsigned, ISSUER, CLIENT, providerKeys, NONCE));
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner(new byte[32]));
        assertThrows(BadJOSEException.class, () -> IdTokenCheck.validate(hmac, ISSUER, CLIENT, providerKeys, NONCE));
    }
}
