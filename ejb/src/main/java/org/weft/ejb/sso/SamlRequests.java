package org.weft.ejb.sso;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Weft's side of SAML 2.0 Web Browser SSO (SAML Profiles 4.1) before the IdP: the AuthnRequest,
 * sent by the HTTP-Redirect binding (Bindings 3.4: raw DEFLATE, base64, URL-encoded, with the
 * attempt's state as RelayState); and Weft's SP metadata for the IdP's administrator. The request
 * is not signed: IdPs that insist can be given the metadata's ACS URL as the only allowed one.
 */
final class SamlRequests {

    private SamlRequests() {
    }

    /** The IdP's SSO URL with the request; {@code requestId} is what the answer's InResponseTo must be. */
    static String redirectUrl(String ssoUrl, String requestId, String spEntityId, String acsUrl, String relayState,
                              Instant now, boolean forceAuthn) {
        String request = "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""
                + " xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" + xml(requestId) + "\" Version=\"2.0\""
                + " IssueInstant=\"" + now.truncatedTo(ChronoUnit.SECONDS) + "\" Destination=\"" + xml(ssoUrl) + "\""
                + (forceAuthn ? " ForceAuthn=\"true\"" : "")
                + " ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\""
                + " AssertionConsumerServiceURL=\"" + xml(acsUrl) + "\">"
                + "<saml:Issuer>" + xml(spEntityId) + "</saml:Issuer>"
                + "<samlp:NameIDPolicy AllowCreate=\"true\"/></samlp:AuthnRequest>";
        return ssoUrl + (ssoUrl.contains("?") ? "&" : "?") + "SAMLRequest="
                + URLEncoder.encode(deflateBase64(request), StandardCharsets.UTF_8)
                + "&RelayState=" + URLEncoder.encode(relayState, StandardCharsets.UTF_8);
    }

    /** Weft's SP metadata: entity ID, the ACS (HTTP-POST), signed assertions wanted. */
    static String metadata(String spEntityId, String acsUrl) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"" + xml(spEntityId) + "\">"
                + "<md:SPSSODescriptor AuthnRequestsSigned=\"false\" WantAssertionsSigned=\"true\""
                + " protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\""
                + xml(acsUrl) + "\" index=\"0\" isDefault=\"true\"/>"
                + "</md:SPSSODescriptor></md:EntityDescriptor>";
    }

    static String deflateBase64(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(bytes, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
            deflate.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Deflating in memory cannot fail", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
