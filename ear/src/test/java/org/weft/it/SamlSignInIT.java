package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.weft.ejb.sso.SamlTestIdp;

/**
 * Single sign-on at a SAML 2.0 identity provider, driven over HTTP as a browser would: the
 * AuthnRequest by redirect, the IdP's signed answer posted to the ACS (from the IdP's page, so
 * without Weft's cookie), the browser's own step back on Weft, the confirmation, the login token.
 * The IdP is {@link SamlTestIdp} with a key pair and certificate made by the JDK's keytool; unsigned,
 * wrongly signed and altered answers are refused (each check in detail: {@code SamlResponseCheckTest}).
 */
class SamlSignInIT extends WeftIT {

    private static final String BASE = System.getProperty("weft.it.base.url", "http://localhost:18008");
    private static final String IDP_ENTITY = "https://idp.corp.example/saml";
    private static final String IDP_SSO = "https://idp.corp.example/saml/sso";
    private static final String SP_ENTITY = BASE + "/_weft/sso/saml/corp-saml/metadata";
    private static final String ACS = BASE + "/_weft/sso/saml/acs";
    private static final String CLIENT_URL = "https://client.example/";

    private static SamlTestIdp idp;
    private static SamlTestIdp impostor;
    private static String previousBaseUrl;

    @BeforeAll
    static void configureIdp() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "saml").toAbsolutePath();
        idp = new SamlTestIdp(IDP_ENTITY, newKey(dir, "idp"));
        impostor = new SamlTestIdp(IDP_ENTITY, newKey(dir, "impostor"));
        previousBaseUrl = ServerSettings.get("weft.public_baseurl");
        ServerSettings.set("weft.public_baseurl", BASE + "/");
        configure("corp-saml", "Corporate SAML", dir.resolve("idp.pem").toString());
        configure("no-cert", "Certificate missing", dir.resolve("nothing.pem").toString());
        ServerSettings.set("weft.sso.saml.providers", "corp-saml,no-cert");
    }

    private static void configure(String id, String name, String certificate) {
        ServerSettings.define("weft.sso.saml." + id + ".name", name);
        ServerSettings.define("weft.sso.saml." + id + ".idp_entity_id", IDP_ENTITY);
        ServerSettings.define("weft.sso.saml." + id + ".sso_url", IDP_SSO);
        ServerSettings.define("weft.sso.saml." + id + ".idp_certificate", certificate);
    }

    @AfterAll
    static void removeIdp() {
        ServerSettings.set("weft.sso.saml.providers", "");
        ServerSettings.set("weft.public_baseurl", previousBaseUrl);
    }

    /** A key pair and self-signed certificate as an IdP administrator makes them; the certificate as PEM. */
    private static PrivateKey newKey(Path dir, String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        WeftServerProcess.keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=" + name, "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit");
        WeftServerProcess.keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(), "-storepass", "changeit",
                "-file", dir.resolve(name + ".pem").toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        return (PrivateKey) keys.getKey(name, "changeit".toCharArray());
    }

    /** A sign-in started by a client, up to the IdP: the browser, and the RelayState and request ID the IdP got. */
    private record Started(Browser browser, String relayState, String requestId) {
    }

    private static Started start() throws Exception {
        Browser browser = new Browser();
        String location = browser.get(BASE + "/_matrix/client/v3/login/sso/redirect/corp-saml?redirectUrl="
                + URLEncoder.encode(CLIENT_URL, StandardCharsets.UTF_8)).expect(302).header("Location");
        assertTrue(location.startsWith(IDP_SSO + "?SAMLRequest="), location);
        Map<String, String> query = query(URI.create(location).getRawQuery());
        assertFalse(SamlTestIdp.requestXmlOf(query.get("SAMLRequest")).contains("ForceAuthn"), "a login may use the IdP's session");
        return new Started(browser, query.get("RelayState"), SamlTestIdp.requestIdOf(query.get("SAMLRequest")));
    }

    /** The IdP's page posts the answer to the ACS: a cross-site POST, which carries none of Weft's SameSite cookies. */
    private static Resp postToAcs(Started started, SamlTestIdp signer, Function<SamlTestIdp.Answer, SamlTestIdp.Answer> change,
                                  String nameId, Map<String, String> attributes) {
        SamlTestIdp.Answer answer = change.apply(signer.answer(SP_ENTITY, ACS, started.requestId(), nameId, attributes));
        return new Browser().postForm(ACS, Map.of("SAMLResponse", signer.post(answer), "RelayState", started.relayState()));
    }

    @Test
    void aSignedAssertionSignsTheUserIn() throws Exception {
        Resp flows = matrix.get("/_matrix/client/v3/login", null).expect(200);
        assertTrue(flows.list("flows").contains(Map.of("type", "m.login.sso", "identity_providers",
                List.of(Map.of("id", "corp-saml", "name", "Corporate SAML")))),
                "the provider whose certificate cannot be read is left out: " + flows.text());

        String name = MatrixClient.uniqueName("salice");
        Started started = start();
        Resp accepted = postToAcs(started, idp, Function.identity(), name + "@corp.example",
                Map.of("uid", name, "displayName", "Alice SAML", "mail", name + "@Corp.Example"));
        assertEquals(303, accepted.status(), accepted.text());
        String continueUrl = accepted.header("Location");
        assertTrue(continueUrl.startsWith(BASE + "/_weft/sso/saml/continue?state="), continueUrl);

        // Another browser (someone the link was sent to) cannot go on with it.
        assertEquals(403, new Browser().get(continueUrl).status());

        Resp confirmation = started.browser().get(continueUrl).expect(200);
        assertTrue(confirmation.text().contains("https://client.example"), confirmation.text());
        Resp done = started.browser().postForm(Browser.formAction(confirmation.text()),
                Map.of("state", Browser.formValue(confirmation.text(), "state"),
                        "handoff", Browser.formValue(confirmation.text(), "handoff"))).expect(303);
        String location = done.header("Location");
        assertTrue(location.startsWith(CLIENT_URL + "?loginToken="), location);
        String loginToken = URLDecoder.decode(location.substring(location.indexOf("loginToken=") + 11), StandardCharsets.UTF_8);
        Resp login = matrix.post("/_matrix/client/v3/login", null, Map.of("type", "m.login.token", "token", loginToken))
                .expect(200);
        String userId = "@" + name + ":localhost:8008";
        assertEquals(userId, login.str("user_id"));
        assertEquals("Alice SAML", matrix.get("/_matrix/client/v3/profile/" + userId + "/displayname", null)
                .expect(200).str("displayname"));
        assertEquals(List.of(name + "@corp.example"), matrix.get("/_matrix/client/v3/account/3pid",
                login.str("access_token")).expect(200).list("threepids").stream().map(t -> ((Map<?, ?>) t).get("address"))
                .toList());

        // The same answer posted again: the sign-in it answered is finished.
        // (The IdP signs InResponseTo, so the answer cannot be reused for another request either: SamlResponseCheckTest.)
        Resp replayed = postToAcs(started, idp, Function.identity(), name + "@corp.example", Map.of("uid", name));
        assertEquals(403, replayed.status());
    }

    @Test
    void anAttackersLinkCannotSignHimInAsTheVictim() throws Exception {
        // The attacker starts a sign-in in his browser and sends its IdP link to a victim, who is
        // signed in at the IdP: the IdP answers in the victim's browser, for the attacker's request.
        Started attackers = start();
        String victim = MatrixClient.uniqueName("svictim");
        Resp answered = postToAcs(attackers, idp, Function.identity(), victim, Map.of("uid", victim)).expect(303);
        String continueUrl = answered.header("Location");
        String state = query(URI.create(continueUrl).getRawQuery()).get("state");

        // The attacker, with his cookie but without the secret the victim's browser was given:
        String withoutSecret = BASE + "/_weft/sso/saml/continue?state=" + URLEncoder.encode(state, StandardCharsets.UTF_8);
        assertEquals(400, attackers.browser().get(withoutSecret).status());
        assertEquals(403, attackers.browser().get(withoutSecret + "&handoff=guessed").status());
        Resp confirm = attackers.browser().postForm(BASE + "/_weft/sso/confirm", Map.of("state", state));
        assertEquals(403, confirm.status());
        assertFalse(String.valueOf(confirm.header("Location")).contains("loginToken"), confirm.text());
        // The victim's browser has the secret but not the attacker's cookie.
        assertEquals(403, new Browser().get(continueUrl).status());
    }

    @Test
    void unsignedWronglySignedAndAlteredAnswersAreRefused() throws Exception {
        Started started = start();
        String name = MatrixClient.uniqueName("smallory");
        Map<String, String> attributes = Map.of("uid", name);
        Resp unsigned = postToAcs(started, idp, SamlTestIdp.Answer::unsigned, name, attributes);
        assertEquals(403, unsigned.status());
        assertTrue(unsigned.text().contains("not accepted"), unsigned.text());
        assertEquals(403, postToAcs(started, impostor, Function.identity(), name, attributes).status());
        assertEquals(403, postToAcs(started, idp, a -> a.changedAfterSigning(
                xml -> xml.replace(">" + name + "<", ">someone-else<")), name, attributes).status());
        assertEquals(403, postToAcs(started, idp, a -> a.withAudience("https://other-sp.example/"), name, attributes)
                .status());
        assertEquals(403, postToAcs(started, idp, a -> a.withInResponseTo("_another_request"), name, attributes)
                .status());
        // None of them signed anyone in: the attempt still waits for a good answer.
        assertEquals(403, started.browser().get(BASE + "/_weft/sso/saml/continue?state="
                + URLEncoder.encode(started.relayState(), StandardCharsets.UTF_8) + "&handoff=none").status());
        Resp garbage = new Browser().postForm(ACS, Map.of("SAMLResponse", "!!!not base64", "RelayState", started.relayState()));
        assertEquals(403, garbage.status());
        assertFalse(garbage.text().contains("Exception"), garbage.text());
        matrix.get("/_matrix/client/v3/profile/@" + name + ":localhost:8008", null).expectError(404, "M_NOT_FOUND");
        assertEquals(303, postToAcs(started, idp, Function.identity(), name, attributes).status());
    }

    @Test
    void aSamlUserConfirmsASensitiveActionAtTheIdp() throws Exception {
        String name = MatrixClient.uniqueName("suia");
        String first = accessToken(name);
        String second = accessToken(name);
        String path = "/_matrix/client/v3/devices/"
                + matrix.get("/_matrix/client/v3/account/whoami", second).expect(200).str("device_id");
        Resp challenge = matrix.delete(path, first, Map.of()).expect(401);
        assertEquals(List.of(Map.of("stages", List.of("m.login.sso"))), challenge.get("flows"));
        String session = challenge.str("session");

        // The fallback page sends the browser to the IdP, whose answer must be about this very user.
        Browser browser = new Browser();
        Resp prompt = browser.get(BASE + "/_matrix/client/v3/auth/m.login.sso/fallback/web?session=" + session).expect(200);
        String atIdp = browser.postForm(Browser.formAction(prompt.text()), Map.of("session", session,
                "check", Browser.formValue(prompt.text(), "check"))).expect(303).header("Location");
        Map<String, String> query = query(URI.create(atIdp).getRawQuery());
        assertTrue(SamlTestIdp.requestXmlOf(query.get("SAMLRequest")).contains("ForceAuthn=\"true\""),
                "a fresh sign-in is asked for");
        Started started = new Started(browser, query.get("RelayState"), SamlTestIdp.requestIdOf(query.get("SAMLRequest")));
        String stranger = MatrixClient.uniqueName("sother");
        Resp someoneElse = postToAcs(started, idp, Function.identity(), stranger, Map.of("uid", stranger));
        assertEquals(403, someoneElse.status());
        assertTrue(someoneElse.text().contains("someone else"), someoneElse.text());

        String continueUrl = postToAcs(started, idp, Function.identity(), name + "@corp.example", Map.of("uid", name))
                .expect(303).header("Location");
        Resp done = browser.get(continueUrl).expect(200);
        assertTrue(done.text().contains("authDone"), done.text());
        matrix.delete(path, first, Map.of("auth", Map.of("session", session))).expect(200);
        matrix.get("/_matrix/client/v3/account/whoami", second).expectError(401, "M_UNKNOWN_TOKEN");
    }

    /** A whole sign-in of the person {@code name}: a new access token. */
    private String accessToken(String name) throws Exception {
        Started started = start();
        String continueUrl = postToAcs(started, idp, Function.identity(), name + "@corp.example", Map.of("uid", name))
                .expect(303).header("Location");
        Resp confirmation = started.browser().get(continueUrl).expect(200);
        String location = started.browser().postForm(Browser.formAction(confirmation.text()),
                Map.of("state", Browser.formValue(confirmation.text(), "state"),
                        "handoff", Browser.formValue(confirmation.text(), "handoff"))).expect(303).header("Location");
        String loginToken = URLDecoder.decode(location.substring(location.indexOf("loginToken=") + 11), StandardCharsets.UTF_8);
        return matrix.post("/_matrix/client/v3/login", null, Map.of("type", "m.login.token", "token", loginToken))
                .expect(200).str("access_token");
    }

    @Test
    void theAcsAndMetadataCheckWhatTheyAreGiven() {
        Browser browser = new Browser();
        assertEquals(400, browser.postForm(ACS, Map.of("RelayState", "x")).status());
        assertEquals(400, browser.postForm(ACS, Map.of("SAMLResponse", "PHg+")).status());
        assertEquals(403, browser.postForm(ACS, Map.of("SAMLResponse", "PHg+", "RelayState", "unknown")).status());

        Resp metadata = browser.get(SP_ENTITY).expect(200);
        assertTrue(metadata.header("Content-Type").startsWith("application/samlmetadata+xml"), metadata.header("Content-Type"));
        assertTrue(metadata.text().contains("entityID=\"" + SP_ENTITY + "\""), metadata.text());
        assertTrue(metadata.text().contains("Location=\"" + ACS + "\""), metadata.text());
        assertTrue(metadata.text().contains("WantAssertionsSigned=\"true\""), metadata.text());
        assertEquals(404, browser.get(BASE + "/_weft/sso/saml/nobody/metadata").status());
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
