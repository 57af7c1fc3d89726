package org.weft.ejb.sso;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SAML identity provider's side, for tests (also used by the integration tests through this
 * module's test jar): builds a Response as an IdP's HTTP-POST binding sends it, its assertion
 * signed (RSA-SHA256, exclusive canonicalization, enveloped) with the given key, or not, and lets
 * a test change the XML after signing.
 */
public final class SamlTestIdp {

    private static final UnaryOperator<String> IDENTITY = UnaryOperator.identity();

    private final String entityId;
    private final PrivateKey key;

    public SamlTestIdp(String entityId, PrivateKey key) {
        this.entityId = entityId;
        this.key = key;
    }

    /**
     * What one response says; change a field with the record's wither-style copies. The XML can be
     * changed before signing (a response the IdP really signed, saying something unusual) or after
     * (a forgery).
     */
    public record Answer(String issuer, String audience, String acsUrl, String inResponseTo, String nameId,
                         Map<String, String> attributes, Instant notOnOrAfter, boolean signed,
                         UnaryOperator<String> beforeSigning, UnaryOperator<String> afterSigning) {

        public Answer withIssuer(String value) {
            return new Answer(value, audience, acsUrl, inResponseTo, nameId, attributes, notOnOrAfter, signed,
                    beforeSigning, afterSigning);
        }

        public Answer withAudience(String value) {
            return new Answer(issuer, value, acsUrl, inResponseTo, nameId, attributes, notOnOrAfter, signed,
                    beforeSigning, afterSigning);
        }

        public Answer withInResponseTo(String value) {
            return new Answer(issuer, audience, acsUrl, value, nameId, attributes, notOnOrAfter, signed,
                    beforeSigning, afterSigning);
        }

        public Answer withNotOnOrAfter(Instant value) {
            return new Answer(issuer, audience, acsUrl, inResponseTo, nameId, attributes, value, signed,
                    beforeSigning, afterSigning);
        }

        public Answer unsigned() {
            return new Answer(issuer, audience, acsUrl, inResponseTo, nameId, attributes, notOnOrAfter, false,
                    beforeSigning, afterSigning);
        }

        public Answer changedBeforeSigning(UnaryOperator<String> change) {
            return new Answer(issuer, audience, acsUrl, inResponseTo, nameId, attributes, notOnOrAfter, signed,
                    change, afterSigning);
        }

        public Answer changedAfterSigning(UnaryOperator<String> change) {
            return new Answer(issuer, audience, acsUrl, inResponseTo, nameId, attributes, notOnOrAfter, signed,
                    beforeSigning, change);
        }
    }

    /** A good answer for the request: valid five minutes, signed. */
    public Answer answer(String audience, String acsUrl, String inResponseTo, String nameId, Map<String, String> attributes) {
        return new Answer(entityId, audience, acsUrl, inResponseTo, nameId, new LinkedHashMap<>(attributes),
                Instant.now().plus(5, ChronoUnit.MINUTES), true, IDENTITY, IDENTITY);
    }

    /** The Response, base64 as the SAMLResponse form field carries it. */
    public String post(Answer a) {
        try {
            String unsigned = xml(a);
            String changed = applied(a.beforeSigning(), unsigned);
            String built = a.signed() ? sign(changed) : changed;
            String xml = applied(a.afterSigning(), built);
            return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String applied(UnaryOperator<String> change, String xml) {
        String changed = change.apply(xml);
        if (change != IDENTITY && changed.equals(xml)) {
            throw new IllegalStateException("the test's change did not apply to: " + xml);
        }
        return changed;
    }

    /** The AuthnRequest XML of a redirect URL's SAMLRequest (raw DEFLATE, base64). */
    public static String requestXmlOf(String samlRequest) throws Exception {
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        inflater.setInput(Base64.getDecoder().decode(samlRequest));
        byte[] out = new byte[65536];
        int n = inflater.inflate(out);
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** The request ID in a redirect URL's SAMLRequest. */
    public static String requestIdOf(String samlRequest) throws Exception {
        String xml = requestXmlOf(samlRequest);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" ID=\"([^\"]+)\"").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    private static String xml(Answer a) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String until = a.notOnOrAfter().truncatedTo(ChronoUnit.SECONDS).toString();
        StringBuilder attributes = new StringBuilder();
        a.attributes().forEach((name, value) -> attributes.append("<saml:Attribute Name=\"").append(name)
                .append("\"><saml:AttributeValue>").append(value).append("</saml:AttributeValue></saml:Attribute>"));
        return "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""
                + " xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_r" + UUID.randomUUID() + "\""
                + " Version=\"2.0\" IssueInstant=\"" + now + "\" Destination=\"" + a.acsUrl() + "\""
                + " InResponseTo=\"" + a.inResponseTo() + "\">"
                + "<saml:Issuer>" + a.issuer() + "</saml:Issuer>"
                + "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>"
                + "<saml:Assertion ID=\"_a" + UUID.randomUUID() + "\" Version=\"2.0\" IssueInstant=\"" + now + "\">"
                + "<saml:Issuer>" + a.issuer() + "</saml:Issuer>"
                + "<saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified\">"
                + a.nameId() + "</saml:NameID>"
                + "<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
                + "<saml:SubjectConfirmationData InResponseTo=\"" + a.inResponseTo() + "\" NotOnOrAfter=\"" + until
                + "\" Recipient=\"" + a.acsUrl() + "\"/></saml:SubjectConfirmation></saml:Subject>"
                + "<saml:Conditions NotBefore=\"" + now + "\" NotOnOrAfter=\"" + until + "\">"
                + "<saml:AudienceRestriction><saml:Audience>" + a.audience() + "</saml:Audience></saml:AudienceRestriction>"
                + "</saml:Conditions>"
                + "<saml:AuthnStatement AuthnInstant=\"" + now + "\"><saml:AuthnContext><saml:AuthnContextClassRef>"
                + "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>"
                + "</saml:AuthnContext></saml:AuthnStatement>"
                + "<saml:AttributeStatement>" + attributes + "</saml:AttributeStatement>"
                + "</saml:Assertion></samlp:Response>";
    }

    private String sign(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element assertion = (Element) document.getElementsByTagNameNS(SamlResponseCheck.ASSERTION, "Assertion").item(0);
        assertion.setIdAttribute("ID", true);
        XMLSignatureFactory signatures = XMLSignatureFactory.getInstance("DOM");
        Reference reference = signatures.newReference("#" + assertion.getAttribute("ID"),
                signatures.newDigestMethod(DigestMethod.SHA256, null),
                List.of(signatures.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        signatures.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
                null, null);
        SignedInfo info = signatures.newSignedInfo(
                signatures.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                signatures.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(reference));
        // The schema puts the Signature right after the assertion's Issuer.
        Element issuer = (Element) assertion.getElementsByTagNameNS(SamlResponseCheck.ASSERTION, "Issuer").item(0);
        DOMSignContext context = new DOMSignContext(key, assertion, issuer.getNextSibling());
        context.setDefaultNamespacePrefix("ds");
        signatures.newXMLSignature(info, null).sign(context);
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
        return out.toString();
    }
}
