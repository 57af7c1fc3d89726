package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Desktop sign-in through Kerberos and SPNEGO, with a real KDC (Apache Kerby) started in this JVM:
 * the test is the browser of a domain user, which gets a service ticket for Weft from the KDC and
 * offers it in {@code Authorization: Negotiate}; no password reaches Weft. Weft holds only its
 * keytab. Also: the challenge a browser without a ticket sees, NTLM and garbage refused.
 */
class KerberosSignInIT extends WeftIT {

    private static final String BASE = System.getProperty("weft.it.base.url", "http://localhost:18008");
    private static final String REALM = "CORP.EXAMPLE";
    private static final String SERVICE = "HTTP/localhost@" + REALM;
    private static final String CLIENT_URL = "https://client.example/";

    private static SimpleKdcServer kdc;
    private static String previousBaseUrl;

    @BeforeAll
    static void startKdc() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "kdc").toAbsolutePath();
        kdc = new SimpleKdcServer();
        kdc.setWorkDir(dir.toFile());
        kdc.setKdcHost("localhost");
        kdc.setKdcRealm(REALM);
        kdc.setAllowUdp(false);
        try (ServerSocket free = new ServerSocket(0)) {
            kdc.setKdcTcpPort(free.getLocalPort());
        }
        kdc.init();
        kdc.start();
        File keytab = dir.resolve("weft.keytab").toFile();
        kdc.createPrincipal(SERVICE, "service-secret-1");
        kdc.exportPrincipal(SERVICE, keytab);
        String krb5Conf = dir.resolve("krb5.conf").toString();
        System.setProperty("java.security.krb5.conf", krb5Conf);

        previousBaseUrl = ServerSettings.get("weft.public_baseurl");
        ServerSettings.set("weft.public_baseurl", BASE + "/");
        ServerSettings.set("weft.sso.kerberos.principal", SERVICE);
        ServerSettings.set("weft.sso.kerberos.keytab", keytab.getAbsolutePath());
        ServerSettings.set("weft.sso.kerberos.krb5_conf", krb5Conf);
        ServerSettings.set("weft.sso.kerberos.enabled", "true");
    }

    @AfterAll
    static void stopKdc() throws Exception {
        ServerSettings.set("weft.sso.kerberos.enabled", "false");
        ServerSettings.set("weft.public_baseurl", previousBaseUrl);
        kdc.stop();
    }

    @Test
    void aDomainUserSignsInWithoutTypingAPassword() throws Exception {
        String name = MatrixClient.uniqueName("kalice");
        kdc.createPrincipal(name + "@" + REALM, "alice-domain-pw");

        Resp flows = matrix.get("/_matrix/client/v3/login", null).expect(200);
        assertTrue(flows.list("flows").contains(Map.of("type", "m.login.sso", "identity_providers",
                List.of(Map.of("id", "kerberos", "name", "Windows sign-in")))), flows.text());

        Browser browser = new Browser();
        Resp start = browser.get(BASE + "/_matrix/client/v3/login/sso/redirect/kerberos?redirectUrl="
                + URLEncoder.encode(CLIENT_URL, StandardCharsets.UTF_8)).expect(302);
        String page = start.header("Location");
        assertTrue(page.startsWith(BASE + "/_weft/sso/kerberos?state="), page);

        Resp challenge = browser.get(page);
        assertEquals(401, challenge.status());
        assertEquals("Negotiate", challenge.header("WWW-Authenticate"));

        Resp confirmation = negotiate(browser, page, spnegoToken(name, "alice-domain-pw")).expect(200);
        assertTrue(confirmation.text().contains("https://client.example"), confirmation.text());
        Resp done = browser.postForm(Browser.formAction(confirmation.text()),
                Map.of("state", Browser.formValue(confirmation.text(), "state"))).expect(303);
        String location = done.header("Location");
        String loginToken = URLDecoder.decode(location.substring(location.indexOf("loginToken=") + 11), StandardCharsets.UTF_8);
        Resp login = matrix.post("/_matrix/client/v3/login", null, Map.of("type", "m.login.token", "token", loginToken))
                .expect(200);
        assertEquals("@" + name + ":localhost:8008", login.str("user_id"));
    }

    @Test
    void tokensThatProveNothingAreRefused() throws Exception {
        Browser browser = new Browser();
        String page = browser.get(BASE + "/_matrix/client/v3/login/sso/redirect/kerberos?redirectUrl="
                + URLEncoder.encode(CLIENT_URL, StandardCharsets.UTF_8)).expect(302).header("Location");
        assertEquals(403, negotiate(browser, page, "bm90IGEgdGlja2V0").status());
        String ntlm = Base64.getEncoder().encodeToString("NTLMSSP\0\1\0\0\0\7\202\10\242".getBytes(StandardCharsets.ISO_8859_1));
        Resp refused = negotiate(browser, page, ntlm);
        assertEquals(403, refused.status());
        assertTrue(refused.text().contains("Kerberos ticket"), refused.text());
        // Another browser cannot use this attempt, even with a good ticket.
        String name = MatrixClient.uniqueName("kbob");
        kdc.createPrincipal(name + "@" + REALM, "bob-domain-pw");
        assertEquals(403, negotiate(new Browser(), page, spnegoToken(name, "bob-domain-pw")).status());
    }

    private static Resp negotiate(Browser browser, String url, String token) {
        return browser.getWithHeader(url, "Authorization", "Negotiate " + token);
    }

    /** What a domain member's browser sends: a SPNEGO token with a service ticket for Weft, from the KDC. */
    private static String spnegoToken(String user, String password) throws Exception {
        Configuration passwordLogin = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                        Map.of("principal", user + "@" + REALM, "refreshKrb5Config", "true", "storeKey", "false"))};
            }
        };
        LoginContext login = new LoginContext("it-client", new Subject(), callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback n) {
                    n.setName(user + "@" + REALM);
                } else if (callback instanceof PasswordCallback p) {
                    p.setPassword(password.toCharArray());
                }
            }
        }, passwordLogin);
        login.login();
        byte[] token = Subject.doAs(login.getSubject(), (PrivilegedExceptionAction<byte[]>) () -> {
            GSSManager manager = GSSManager.getInstance();
            GSSName service = manager.createName("HTTP@localhost", GSSName.NT_HOSTBASED_SERVICE);
            GSSContext context = manager.createContext(service, new Oid("1.3.6.1.5.5.2"), null, GSSContext.DEFAULT_LIFETIME);
            byte[] first = context.initSecContext(new byte[0], 0, 0);
            context.dispose();
            return first;
        });
        return Base64.getEncoder().encodeToString(token);
    }
}
