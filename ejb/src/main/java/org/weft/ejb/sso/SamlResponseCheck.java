package org.weft.ejb.sso;

import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The checks of a SAML 2.0 Response from the HTTP-POST binding (SAML Core 2, Profiles 4.1.4.3),
 * with the JDK's XML parser and XML Signature API (Apache Santuario inside the JDK; ADR 0018):
 *
 * <ul>
 * <li>XML parsed with no DTDs and no external entities;</li>
 * <li>a successful Response, to this ACS, in response to this attempt's request;</li>
 * <li>exactly one Assertion, a child of the Response (no encrypted ones), signed by the IdP's
 *     key: one Reference, to that very Assertion by its ID, with only the enveloped-signature and
 *     exclusive canonicalization transforms, validated with the JDK's secure validation; every ID in
 *     the document unique, so no wrapped copy can be what is read;</li>
 * <li>the Assertion's Issuer, its time window, our entity ID among its audiences, and a bearer
 *     SubjectConfirmation for this ACS and request, not expired.</li>
 * </ul>
 *
 * Pure: the time is given, so that every check is unit-tested.
 */
final class SamlResponseCheck {

    static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String DSIG = XMLSignature.XMLNS;
    private static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
    private static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
    private static final String TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
    private static final Set<String> TRANSFORMS = Set.of(Transform.ENVELOPED, CanonicalizationMethod.EXCLUSIVE,
            CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS);

    /** Why a response was refused. */
    static final class Refused extends Exception {
        Refused(String reason) {
            // Reasons may quote the response, which anyone can write: no line breaks into the log.
            super(reason.replaceAll("\\p{Cntrl}", "?"));
        }
    }

    /** What the response must match. */
    record Expected(String idpEntityId, PublicKey idpKey, String spEntityId, String acsUrl, String requestId,
                    Instant now, long clockSkewMs) {
    }

    /** The person the assertion names, and its attributes. */
    record Result(String nameId, Map<String, List<String>> attributes) {

        String attribute(String name) {
            List<String> values = attributes.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private SamlResponseCheck() {
    }

    static Result check(String samlResponse, Expected expected) throws Refused {
        Document document = parse(samlResponse);
        Element response = document.getDocumentElement();
        if (!PROTOCOL.equals(response.getNamespaceURI()) || !"Response".equals(response.getLocalName())) {
            throw new Refused("not a SAML Response");
        }
        Element statusCode = first(first(response, PROTOCOL, "Status"), PROTOCOL, "StatusCode");
        if (!SUCCESS.equals(statusCode.getAttribute("Value"))) {
            throw new Refused("the IdP answered " + statusCode.getAttribute("Value"));
        }
        if (response.hasAttribute("Destination") && !expected.acsUrl().equals(response.getAttribute("Destination"))) {
            throw new Refused("the response is for another destination");
        }
        if (!expected.requestId().equals(response.getAttribute("InResponseTo"))) {
            throw new Refused("the response answers another request");
        }
        if (document.getElementsByTagNameNS(ASSERTION, "EncryptedAssertion").getLength() > 0) {
            throw new Refused("encrypted assertions are not supported");
        }
        NodeList assertions = document.getElementsByTagNameNS(ASSERTION, "Assertion");
        if (assertions.getLength() != 1 || assertions.item(0).getParentNode() != response) {
            throw new Refused("a response must hold exactly one assertion");
        }
        Element assertion = (Element) assertions.item(0);
        markUniqueIds(document);
        verifySignature(assertion, expected.idpKey());

        if (!expected.idpEntityId().equals(text(first(assertion, ASSERTION, "Issuer")))) {
            throw new Refused("the assertion is from another issuer");
        }
        checkConditions(first(assertion, ASSERTION, "Conditions"), expected);
        Element subject = first(assertion, ASSERTION, "Subject");
        checkBearer(subject, expected);
        Element nameIdElement = first(subject, ASSERTION, "NameID");
        String nameId = text(nameIdElement);
        if (nameId.isEmpty()) {
            throw new Refused("the assertion names nobody");
        }
        if (TRANSIENT.equals(nameIdElement.getAttribute("Format"))) {
            // A transient NameID changes at every sign-in: each would make a new user.
            throw new Refused("the NameID is transient; the IdP must send a persistent one");
        }
        if (children(assertion, ASSERTION, "AuthnStatement").isEmpty()) {
            throw new Refused("the assertion says nothing of an authentication (no AuthnStatement)");
        }
        return new Result(nameId, attributes(assertion));
    }

    private static Document parse(String samlResponse) throws Refused {
        try {
            byte[] xml = Base64.getMimeDecoder().decode(samlResponse);
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            javax.xml.parsers.DocumentBuilder builder = factory.newDocumentBuilder();
            // The default handler prints "[Fatal Error]" to stderr: the refusal is logged once, by the caller.
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXParseException {
                    throw e;
                }
            });
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new Refused("the response is not well-formed XML in base64");
        }
    }

    /** Registers every ID attribute as an ID, refusing duplicates (the core of signature wrapping). */
    private static void markUniqueIds(Document document) throws Refused {
        Set<String> seen = new HashSet<>();
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (element.hasAttribute("ID")) {
                if (!seen.add(element.getAttribute("ID"))) {
                    throw new Refused("two elements share the ID " + element.getAttribute("ID"));
                }
                element.setIdAttribute("ID", true);
            }
        }
    }

    private static void verifySignature(Element assertion, PublicKey key) throws Refused {
        Element signature = null;
        for (Node child = assertion.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && DSIG.equals(e.getNamespaceURI()) && "Signature".equals(e.getLocalName())) {
                if (signature != null) {
                    throw new Refused("the assertion has more than one signature");
                }
                signature = e;
            }
        }
        if (signature == null) {
            throw new Refused("the assertion is not signed");
        }
        try {
            DOMValidateContext context = new DOMValidateContext(key, signature);
            context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            XMLSignature xmlSignature = XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context);
            List<?> references = xmlSignature.getSignedInfo().getReferences();
            if (references.size() != 1) {
                throw new Refused("the signature must cover the assertion alone");
            }
            Reference reference = (Reference) references.get(0);
            if (!("#" + assertion.getAttribute("ID")).equals(reference.getURI()) || assertion.getAttribute("ID").isEmpty()) {
                throw new Refused("the signature covers something else than the assertion");
            }
            for (Object transform : reference.getTransforms()) {
                if (!TRANSFORMS.contains(((Transform) transform).getAlgorithm())) {
                    throw new Refused("the signature uses a transform that is not allowed");
                }
            }
            if (!xmlSignature.validate(context)) {
                throw new Refused("the signature is not the IdP's, or the assertion was changed");
            }
        } catch (Refused e) {
            throw e;
        } catch (Exception e) {
            throw new Refused("the signature cannot be checked: " + e.getMessage());
        }
    }

    private static void checkConditions(Element conditions, Expected expected) throws Refused {
        Instant now = expected.now();
        long skew = expected.clockSkewMs();
        if (conditions.hasAttribute("NotBefore") && time(conditions.getAttribute("NotBefore")).isAfter(now.plusMillis(skew))) {
            throw new Refused("the assertion is not valid yet");
        }
        if (!conditions.hasAttribute("NotOnOrAfter")
                || !time(conditions.getAttribute("NotOnOrAfter")).isAfter(now.minusMillis(skew))) {
            throw new Refused("the assertion has expired");
        }
        // SAML Core 2.5.1.4: each AudienceRestriction must name us (they are ANDed), and there must be one.
        List<Element> restrictions = children(conditions, ASSERTION, "AudienceRestriction");
        for (Element restriction : restrictions) {
            if (children(restriction, ASSERTION, "Audience").stream().noneMatch(a -> expected.spEntityId().equals(text(a)))) {
                throw new Refused("the assertion is for another service");
            }
        }
        if (restrictions.isEmpty()) {
            throw new Refused("the assertion is for another service");
        }
    }

    private static void checkBearer(Element subject, Expected expected) throws Refused {
        for (Element confirmation : children(subject, ASSERTION, "SubjectConfirmation")) {
            List<Element> data = children(confirmation, ASSERTION, "SubjectConfirmationData");
            if (!BEARER.equals(confirmation.getAttribute("Method")) || data.size() != 1) {
                continue;
            }
            Element d = data.get(0);
            boolean inTime = d.hasAttribute("NotOnOrAfter")
                    && time(d.getAttribute("NotOnOrAfter")).isAfter(expected.now().minusMillis(expected.clockSkewMs()))
                    && (!d.hasAttribute("NotBefore")
                        || !time(d.getAttribute("NotBefore")).isAfter(expected.now().plusMillis(expected.clockSkewMs())));
            // The request ID must be in the signed part (Profiles 4.1.4.2): the Response's own
            // InResponseTo is not signed, so an assertion captured elsewhere could be replayed
            // against a request of the attacker's with it changed.
            if (expected.acsUrl().equals(d.getAttribute("Recipient")) && inTime
                    && expected.requestId().equals(d.getAttribute("InResponseTo"))) {
                return;
            }
        }
        throw new Refused("no bearer confirmation for this service and request");
    }

    /**
     * The attributes of the assertion's AttributeStatements, walked child by child: a search of all
     * descendants would also find elements slipped into the Signature's KeyInfo, which the
     * signature does not cover.
     */
    private static Map<String, List<String>> attributes(Element assertion) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Element statement : children(assertion, ASSERTION, "AttributeStatement")) {
            for (Element attribute : children(statement, ASSERTION, "Attribute")) {
                List<String> values = new ArrayList<>();
                for (Element value : children(attribute, ASSERTION, "AttributeValue")) {
                    values.add(text(value));
                }
                attributes.put(attribute.getAttribute("Name"), values);
                if (attribute.hasAttribute("FriendlyName")) {
                    attributes.putIfAbsent(attribute.getAttribute("FriendlyName"), values);
                }
            }
        }
        return attributes;
    }

    private static List<Element> children(Element parent, String namespace, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** The first child element with this name; a required one that is missing refuses the response. */
    private static Element first(Element parent, String namespace, String name) throws Refused {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new Refused("the response has no " + name);
    }

    private static String text(Element element) {
        return element.getTextContent().strip();
    }

    private static Instant time(String value) throws Refused {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (RuntimeException e) {
            throw new Refused("malformed time " + value);
        }
    }
}
