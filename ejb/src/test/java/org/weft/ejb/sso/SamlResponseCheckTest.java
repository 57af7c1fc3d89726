package org.weft.ejb.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each check of a SAML response: signed assertions accepted, everything else refused. */
class SamlResponseCheckTest {

    private static final String IDP = "https://idp.corp.example/saml";
    private static final String SP = "https://matrix.corp.example/_weft/sso/saml/corp/metadata";
    private static final String ACS = "https://matrix.corp.example/_weft/sso/saml/acs";
    private static final String REQUEST = "_req123";

    private static KeyPair idpKeys;
    private static KeyPair otherKeys;
    private static SamlTestIdp idp;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        idpKeys = rsa.generateKeyPair();
        otherKeys = rsa.generateKeyPair();
        idp = new SamlTestIdp(IDP, idpKeys.getPrivate());
    }

    private static SamlTestIdp.Answer good() {
        return idp.answer(SP, ACS, REQUEST, "alice@corp.example", Map.of("uid", "alice", "displayName", "Alice Liddell"));
    }

    private static SamlResponseCheck.Result check(String response) throws SamlResponseCheck.Refused {
        return SamlResponseCheck.check(response, new SamlResponseCheck.Expected(IDP, idpKeys.getPublic(), SP, ACS, REQUEST,
                Instant.now(), 60_000));
    }

    private static String refusal(String response) {
        return assertThrows(SamlResponseCheck.Refused.class, () -> check(response)).getMessage();
    }

    @Test
    void aSignedAssertionIsAccepted() throws Exception {
        SamlResponseCheck.Result result = check(idp.post(good()));
        assertEquals("alice@corp.example", result.nameId());
        assertEquals("alice", result.attribute("uid"));
        assertEquals("Alice Liddell", result.attribute("displayName"));
    }

    @Test
    void anUnsignedAssertionIsRefused() {
        assertEquals("the assertion is not signed", refusal(idp.post(good().unsigned())));
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        String forged = new SamlTestIdp(IDP, otherKeys.getPrivate()).post(good());
        assertTrue(refusal(forged).startsWith("the signature is not the IdP's"));
    }

    @Test
    void anAssertionChangedAfterSigningIsRefused() {
        String changed = idp.post(good().changedAfterSigning(xml -> xml.replace(">alice@corp.example<", ">mallory@corp.example<")));
        assertTrue(refusal(changed).startsWith("the signature is not the IdP's"));
    }

    @Test
    void attributesSlippedIntoTheSignatureAreNotRead() throws Exception {
        // KeyInfo is not covered by the enveloped signature: what is put there must not count.
        String slipped = idp.post(good().changedAfterSigning(xml -> xml.replace("</ds:SignatureValue>",
                "</ds:SignatureValue><ds:KeyInfo><saml:AttributeStatement><saml:Attribute Name=\"uid\"><saml:AttributeValue>"
                        + "root</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></ds:KeyInfo>")));
        assertEquals("alice", check(slipped).attribute("uid"));
    }

    @Test
    void aWrappedSecondAssertionIsRefused() {
        String wrapped = idp.post(good().changedAfterSigning(xml -> xml.replace("<samlp:Status>",
                "<saml:Assertion ID=\"_evil\"><saml:Issuer>" + IDP + "</saml:Issuer></saml:Assertion><samlp:Status>")));
        assertEquals("a response must hold exactly one assertion", refusal(wrapped));
    }

    @Test
    void wrongIssuerAudienceRequestAndExpiryAreRefused() {
        assertEquals("the assertion is from another issuer", refusal(idp.post(good().withIssuer("https://evil.example/"))));
        assertEquals("the assertion is for another service", refusal(idp.post(good().withAudience("https://other.example/"))));
        assertEquals("the response answers another request", refusal(idp.post(good().withInResponseTo("_other"))));
        assertEquals("the assertion has expired",
                refusal(idp.post(good().withNotOnOrAfter(Instant.now().minusSeconds(3600)))));
    }

    @Test
    void theSignedPartMustNameTheRequest() {
        // The Response's InResponseTo is not signed: without the signed one, a captured assertion
        // could answer any request.
        String withoutSigned = idp.post(good().changedBeforeSigning(xml -> xml.replace(
                "<saml:SubjectConfirmationData InResponseTo=\"" + REQUEST + "\"", "<saml:SubjectConfirmationData")));
        assertEquals("no bearer confirmation for this service and request", refusal(withoutSigned));
        String otherSigned = idp.post(good().changedBeforeSigning(xml -> xml.replace(
                "<saml:SubjectConfirmationData InResponseTo=\"" + REQUEST + "\"",
                "<saml:SubjectConfirmationData InResponseTo=\"_captured\"")));
        assertEquals("no bearer confirmation for this service and request", refusal(otherSigned));
    }

    @Test
    void everyAudienceRestrictionMustNameUs() {
        String two = idp.post(good().changedBeforeSigning(xml -> xml.replace("</saml:AudienceRestriction>",
                "</saml:AudienceRestriction><saml:AudienceRestriction><saml:Audience>https://other.example/"
                        + "</saml:Audience></saml:AudienceRestriction>")));
        assertEquals("the assertion is for another service", refusal(two));
    }

    @Test
    void anAuthenticationAndAPersistentNameAreRequired() {
        String noAuthn = idp.post(good().changedBeforeSigning(xml -> xml.replaceAll(
                "<saml:AuthnStatement.*</saml:AuthnStatement>", "")));
        assertEquals("the assertion says nothing of an authentication (no AuthnStatement)", refusal(noAuthn));
        String transientName = idp.post(good().changedBeforeSigning(xml -> xml.replace(
                "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient")));
        assertEquals("the NameID is transient; the IdP must send a persistent one", refusal(transientName));
    }

    @Test
    void aCommentInTheNameIdDoesNotCutIt() throws Exception {
        // The classic truncation: a parser that reads only the first text node would see alice@corp.example.
        String commented = idp.post(good().changedBeforeSigning(xml -> xml.replace(">alice@corp.example<",
                ">alice@corp.example<!---->.evil.example<")));
        assertEquals("alice@corp.example.evil.example", check(commented).nameId());
    }

    @Test
    void refusalsQuotingTheResponseCannotBreakTheLog() {
        String status = idp.post(good().changedAfterSigning(xml -> xml.replace("status:Success\"",
                "status:Requester&#10;INFO forged line\"")));
        String reason = refusal(status);
        assertTrue(reason.startsWith("the IdP answered") && !reason.contains("\n"), reason);
    }

    @Test
    void malformedAndHostileXmlIsRefused() {
        String doctype = Base64.getEncoder().encodeToString(("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM"
                + " \"file:///etc/passwd\">]><samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">&e;"
                + "</samlp:Response>").getBytes(StandardCharsets.UTF_8));
        assertEquals("the response is not well-formed XML in base64", refusal(doctype));
        assertEquals("the response is not well-formed XML in base64", refusal("not base64 at all %%%"));
    }
}
