package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client login via SSO with a real OpenID provider (mock-oauth2-server, started in this JVM):
 * the whole redirect flow driven over HTTP as a browser would, ending in a working access token;
 * the checks on the way (redirect URL, browser binding, single-use login token); an ID token
 * tampered with refused (the audience, expiry and nonce checks: {@code IdTokenCheckTest}); a provider that cannot be discovered left out of
 * {@code GET /login}.
 */
class SingleSignOnIT extends WeftIT {

    private static final String BASE = System.getProperty("weft.it.base.url", "http://localhost:18008");
    private static final String CLIENT_ID = "weft-it";
    private static final String CLIENT_URL = "https://client.example/app?x=1";

    private static MockOAuth2Server provider;
    private static TamperingProxy tampering;
    private static String previousBaseUrl;

    @BeforeAll
    static void startProvider() throws Exception {
        provider = new MockOAuth2Server();
        provider.start();
        tampering = TamperingProxy.start(provider.issuerUrl("forged").toString());
        previousBaseUrl = ServerSettings.get("weft.public_baseurl");
        ServerSettings.set("weft.public_baseurl", BASE + "/");
        configure("corp", provider.issuerUrl("corp").toString(), "Corporate sign-in");
        configure("forged", tampering.issuer(), "Forged");
        configure("broken", "http://127.0.0.1:1/nothing-here", "Broken");
        ServerSettings.set("weft.sso.oidc.providers", "corp,forged,broken");
    }

    private static void configure(String id, String issuer, String name) {
        ServerSettings.define("weft.sso.oidc." + id + ".issuer", issuer);
        ServerSettings.define("weft.sso.oidc." + id + ".client_id", CLIENT_ID);
        ServerSettings.define("weft.sso.oidc." + id + ".client_secret", "it-secret");
        ServerSettings.define("weft.sso.oidc." + id + ".name", name);
        ServerSettings.define("weft.sso.oidc." + id + ".timeout_ms", "2000");
    }

    @AfterAll
    static void stopProvider() {
        ServerSettings.set("weft.sso.oidc.providers", "");
        ServerSettings.set("weft.sso.redirect_allowlist", "");
        ServerSettings.set("weft.public_baseurl", previousBaseUrl);
        tampering.stop();
        provider.shutdown();
    }

    @Test
    void loginOffersSsoWithTheProvidersThatWorkAndTokenLogin() {
        Resp flows = matrix.get("/_matrix/client/v3/login", null).expect(200);
        List<Object> types = flows.list("flows");
        assertTrue(types.contains(Map.of("type", "m.login.password")));
        assertTrue(types.contains(Map.of("type", "m.login.token")));
        assertTrue(types.contains(Map.of("type", "m.login.sso", "identity_providers", List.of(
                Map.of("id", "corp", "name", "Corporate sign-in"), Map.of("id", "forged", "name", "Forged")))),
                "the provider that cannot be discovered is left out: " + types);
    }

    @Test
    void signingInThroughTheProviderEndsInAWorkingAccessToken() {
        String subject = MatrixClient.uniqueName("sub");
        String name = MatrixClient.uniqueName("Alice.Smith");
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("corp", subject, "JWT", null,
                Map.of("preferred_username", name, "name", "Alice Smith", "email", name + "@corp.example")));
        Browser browser = new Browser();
        String redirect = signIn(browser, "corp", CLIENT_URL);

        assertTrue(redirect.startsWith("https://client.example/app?x=1&loginToken="), redirect);
        String loginToken = URLDecoder.decode(redirect.substring(redirect.indexOf("loginToken=") + 11), StandardCharsets.UTF_8);
        Resp login = matrix.post("/_matrix/client/v3/login", null, Map.of("type", "m.login.token", "token", loginToken))
                .expect(200);
        String userId = "@" + name.toLowerCase() + ":localhost:8008";
        assertEquals(userId, login.str("user_id"));
        assertEquals(userId, matrix.get("/_matrix/client/v3/account/whoami", login.str("access_token")).expect(200)
                .str("user_id"));
        assertEquals("Alice Smith", matrix.get("/_matrix/client/v3/profile/" + userId + "/displayname", null)
                .expect(200).str("displayname"));
        assertEquals(List.of(name.toLowerCase() + "@corp.example"), addresses(login.str("access_token")));
        // A login token works once.
        matrix.post("/_matrix/client/v3/login", null, Map.of("type", "m.login.token", "token", loginToken))
                .expectError(403, "M_FORBIDDEN");

        // The same person again, though the provider now calls them something else: the same user.
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("corp", subject, "JWT", null,
                Map.of("preferred_username", "renamed-" + name, "name", "Alice Jones", "email", "jones@corp.example",
                        "email_verified", false)));
        String again = signIn(new Browser(), "corp", "https://client.example/?loginToken=stale");
        assertTrue(again.startsWith("https://client.example/?loginToken=") && !again.contains("stale"), again);
        String secondToken = URLDecoder.decode(again.substring(again.indexOf("loginToken=") + 11), StandardCharsets.UTF_8);
        assertEquals(userId, matrix.post("/_matrix/client/v3/login", null,
                Map.of("type", "m.login.token", "token", secondToken)).expect(200).str("user_id"));
        assertEquals("Alice Jones", matrix.get("/_matrix/client/v3/profile/" + userId + "/displayname", null)
                .expect(200).str("displayname"));
        assertEquals(List.of(), addresses(login.str("access_token")), "an address the provider did not verify is not taken");
    }

    @Test
    void theRedirectEndpointChecksWhatItIsGiven() {
        Browser browser = new Browser();
        browser.get(BASE + "/_matrix/client/v3/login/sso/redirect/corp").expectError(400, "M_MISSING_PARAM");
        browser.get(BASE + "/_matrix/client/v3/login/sso/redirect/corp?redirectUrl=" + enc("javascript:alert(1)"))
                .expectError(400, "M_INVALID_PARAM");
        browser.get(BASE + "/_matrix/client/v3/login/sso/redirect/nobody?redirectUrl=" + enc(CLIENT_URL))
                .expectError(404, "M_NOT_FOUND");
        browser.get(BASE + "/_matrix/client/v3/login/sso/redirect/broken?redirectUrl=" + enc(CLIENT_URL))
                .expectError(404, "M_NOT_FOUND");
        ServerSettings.set("weft.sso.redirect_allowlist", "https://element.corp.example/");
        try {
            browser.get(BASE + "/_matrix/client/v3/login/sso/redirect/corp?redirectUrl=" + enc(CLIENT_URL))
                    .expectError(403, "M_FORBIDDEN");
            assertEquals(302, browser.get(BASE + "/_matrix/client/v3/login/sso/redirect/corp?redirectUrl="
                    + enc("https://element.corp.example/#/login")).status());
        } finally {
            ServerSettings.set("weft.sso.redirect_allowlist", "");
        }
        // With several providers, the generic endpoint lets the user pick one.
        Resp picker = browser.get(BASE + "/_matrix/client/v3/login/sso/redirect?redirectUrl=" + enc(CLIENT_URL))
                .expect(200);
        assertTrue(picker.text().contains("redirect/corp?redirectUrl=") && picker.text().contains("Corporate sign-in"));
        matrix.post("/_matrix/client/v3/login", null, Map.of("type", "m.login.token", "token", "wfl_made_up"))
                .expectError(403, "M_FORBIDDEN");
        matrix.post("/_matrix/client/v3/login", null, Map.of("type", "m.login.token"))
                .expectError(400, "M_MISSING_PARAM");
    }

    @Test
    void aCallbackInAnotherBrowserIsRefused() {
        Browser victim = new Browser();
        Resp start = victim.get(BASE + "/_matrix/client/v3/login/sso/redirect/corp?redirectUrl=" + enc(CLIENT_URL))
                .expect(302);
        String callback = new Browser().get(start.header("Location")).expect(302).header("Location");
        Resp page = new Browser().get(callback);
        assertEquals(403, page.status());
        assertTrue(page.text().contains("another browser"), page.text());
        assertTrue(page.header("Content-Type").startsWith("text/html"));
    }

    @Test
    void aTamperedIdTokenIsRefused() {
        Resp page = callbackPage(new Browser(), "forged", CLIENT_URL);
        assertEquals(403, page.status(), page.text());
        assertTrue(page.text().contains("not accepted"), page.text());
        assertTrue(tampering.tampered() > 0, "the proxy changed an ID token");
    }

    @Test
    void anSsoUserConfirmsASensitiveActionAtTheProvider() {
        String subject = MatrixClient.uniqueName("sub");
        String name = MatrixClient.uniqueName("uia");
        String first = ssoLogin(subject, name);
        String second = ssoLogin(subject, name);
        String secondDevice = matrix.get("/_matrix/client/v3/account/whoami", second).expect(200).str("device_id");
        String path = "/_matrix/client/v3/devices/" + secondDevice;

        // No password here: the only flow is single sign-on.
        Resp challenge = matrix.delete(path, first, Map.of()).expect(401);
        assertEquals(List.of(Map.of("stages", List.of("m.login.sso"))), challenge.get("flows"));
        String session = challenge.str("session");
        matrix.delete(path, first, Map.of("auth", Map.of("type", "m.login.sso", "session", session)))
                .expectError(401, "M_FORBIDDEN");

        // Someone else signing in at the provider does not complete the stage.
        Resp wrongPerson = fallback(new Browser(), session, MatrixClient.uniqueName("other"));
        assertEquals(403, wrongPerson.status());
        assertTrue(wrongPerson.text().contains("someone else"), wrongPerson.text());
        matrix.delete(path, first, Map.of("auth", Map.of("session", session))).expect(401);

        Resp done = fallback(new Browser(), session, subject).expect(200);
        assertTrue(done.text().contains("authDone"), "the page tells the client: " + done.text());
        matrix.delete(path, first, Map.of("auth", Map.of("session", session))).expect(200);
        matrix.get("/_matrix/client/v3/account/whoami", second).expectError(401, "M_UNKNOWN_TOKEN");

        // Another site posting the page's form (no cookie: SameSite) gets nowhere.
        Resp again = matrix.post("/_matrix/client/v3/delete_devices", first, Map.of("devices", List.of("GONE")))
                .expect(401);
        Browser victim = new Browser();
        String check = Browser.formValue(victim.get(BASE + "/_matrix/client/v3/auth/m.login.sso/fallback/web?session="
                + again.str("session")).expect(200).text(), "check");
        assertEquals(403, new Browser().postForm(BASE + "/_weft/sso/uia", Map.of("session", again.str("session"),
                "check", check)).status());

        // Their password is the organisation's: no Weft password can be set.
        assertEquals(Map.of("enabled", false), matrix.get("/_matrix/client/v3/capabilities", first).expect(200)
                .json().get("capabilities") instanceof Map<?, ?> caps ? caps.get("m.change_password") : null);
        matrix.post("/_matrix/client/v3/account/password", first, Map.of("new_password", "a weft password 1"))
                .expectError(403, "M_FORBIDDEN");

        Browser stranger = new Browser();
        assertEquals(403, stranger.get(BASE + "/_matrix/client/v3/auth/m.login.sso/fallback/web?session=made-up").status());
        stranger.get(BASE + "/_matrix/client/v3/auth/m.login.fancy/fallback/web?session=x").expectError(404, "M_UNRECOGNIZED");
    }

    private List<?> addresses(String token) {
        return matrix.get("/_matrix/client/v3/account/3pid", token).expect(200).list("threepids").stream()
                .map(t -> ((Map<?, ?>) t).get("address")).toList();
    }

    /** A new login of the person with this subject at "corp": an access token. */
    private String ssoLogin(String subject, String name) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("corp", subject, "JWT", null,
                Map.of("preferred_username", name)));
        String redirect = signIn(new Browser(), "corp", CLIENT_URL);
        String token = URLDecoder.decode(redirect.substring(redirect.indexOf("loginToken=") + 11), StandardCharsets.UTF_8);
        return matrix.post("/_matrix/client/v3/login", null, Map.of("type", "m.login.token", "token", token))
                .expect(200).str("access_token");
    }

    /**
     * The fallback page's way: what it asks to approve, then the provider, which (asked for a fresh
     * sign-in) shows its sign-in form even to a browser with a session, where {@code subject} signs
     * in; then Weft's callback.
     */
    private static Resp fallback(Browser browser, String session, String subject) {
        Resp prompt = browser.get(BASE + "/_matrix/client/v3/auth/m.login.sso/fallback/web?session=" + session).expect(200);
        assertTrue(prompt.text().contains("sign out your device "), prompt.text());
        Resp start = browser.postForm(Browser.formAction(prompt.text()), Map.of("session", session,
                "check", Browser.formValue(prompt.text(), "check"))).expect(303);
        String atProvider = start.header("Location");
        assertTrue(atProvider.contains("prompt=login"), "a fresh sign-in is asked for: " + atProvider);
        assertTrue(browser.get(atProvider).expect(200).text().contains("name=\"username\""), "the provider's sign-in form");
        String callback = browser.postForm(atProvider, Map.of("username", subject,
                "claims", "{\"preferred_username\": \"" + subject + "\"}")).expect(302).header("Location");
        return browser.get(callback);
    }

    /** The browser's way from the redirect endpoint to the client's URL with a login token. */
    private static String signIn(Browser browser, String idp, String clientUrl) {
        Resp confirmation = callbackPage(browser, idp, clientUrl).expect(200);
        assertTrue(confirmation.text().contains("https://client.example"), "the page names the client");
        assertEquals("DENY", confirmation.header("X-Frame-Options"));
        String action = Browser.formAction(confirmation.text());
        String state = Browser.formValue(confirmation.text(), "state");
        assertNotNull(state);
        Resp done = browser.postForm(action, Map.of("state", state)).expect(303);
        // The confirmation is spent: confirming again is refused.
        assertEquals(403, browser.postForm(action, Map.of("state", state)).status());
        return done.header("Location");
    }

    private static Resp callbackPage(Browser browser, String idp, String clientUrl) {
        Resp start = browser.get(BASE + "/_matrix/client/v3/login/sso/redirect/" + idp + "?redirectUrl=" + enc(clientUrl))
                .expect(302);
        assertNotNull(start.header("Set-Cookie"));
        Resp atProvider = browser.get(start.header("Location")).expect(302);
        String callback = atProvider.header("Location");
        assertTrue(URI.create(callback).getPath().equals("/_weft/sso/oidc/callback"), callback);
        return browser.get(callback);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
