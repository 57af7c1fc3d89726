package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code m.login.password} against a directory (an in-memory LDAP server in this JVM, UnboundID):
 * users created at their first sign-in with the directory's display name, admins by group,
 * deprovisioning of disabled and removed users (by the admin endpoint and by the timer), the
 * admin's "log out everywhere", and a directory that cannot be reached.
 */
class DirectorySignInIT extends WeftIT {

    private static final String BASE_DN = "dc=corp,dc=example";
    private static final String PEOPLE = "ou=people," + BASE_DN;
    private static final String ADMINS = "cn=matrix-admins,ou=groups," + BASE_DN;
    private static final String WHOAMI = "/_matrix/client/v3/account/whoami";

    private static InMemoryDirectoryServer directory;
    private static Path directoryCertificate;

    @BeforeAll
    static void startDirectory() throws Exception {
        // The directory's TLS certificate for StartTLS, as a directory administrator makes one.
        Path dir = Files.createTempDirectory(Path.of("target"), "ldap").toAbsolutePath();
        Path keystore = dir.resolve("directory.p12");
        directoryCertificate = dir.resolve("directory.pem");
        WeftServerProcess.keytool("-genkeypair", "-alias", "directory", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "30", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit");
        WeftServerProcess.keytool("-exportcert", "-rfc", "-alias", "directory", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-file", directoryCertificate.toString());
        SSLUtil serverTls = new SSLUtil(new KeyStoreKeyManager(keystore.toFile(), "changeit".toCharArray(), "PKCS12",
                "directory"), null);

        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
        config.addAdditionalBindCredentials("cn=weft,ou=services," + BASE_DN, "service-secret");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0),
                InMemoryListenerConfig.createLDAPConfig("starttls", null, 0, serverTls.createSSLSocketFactory()),
                InMemoryListenerConfig.createLDAPSConfig("ldaps", 0, serverTls.createSSLServerSocketFactory()));
        config.setSchema(null); // nsAccountLock (389 Directory Server's "disabled") is not in the standard schema
        directory = new InMemoryDirectoryServer(config);
        directory.startListening();
        directory.add("dn: " + BASE_DN, "objectClass: domain", "dc: corp");
        directory.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: ou=groups," + BASE_DN, "objectClass: organizationalUnit", "ou: groups");
        directory.add("dn: " + ADMINS, "objectClass: groupOfNames", "cn: matrix-admins", "member: cn=nobody");
        ServerSettings.set("weft.ldap.url", "ldap://localhost:" + directory.getListenPort("ldap"));
        ServerSettings.set("weft.ldap.bind_dn", "cn=weft,ou=services," + BASE_DN);
        ServerSettings.set("weft.ldap.bind_password", "service-secret");
        ServerSettings.set("weft.ldap.user_base_dn", PEOPLE);
        ServerSettings.set("weft.ldap.admin_group_dn", ADMINS);
        ServerSettings.set("weft.ldap.disabled_filter", "(nsAccountLock=TRUE)");
        ServerSettings.set("weft.ldap.enabled", "true");
    }

    @AfterAll
    static void stopDirectory() {
        ServerSettings.set("weft.ldap.enabled", "false");
        ServerSettings.set("weft.ldap.deprovision.action", "lock");
        ServerSettings.set("weft.ldap.deprovision.interval_ms", "300000");
        directory.shutDown(true);
    }

    private static String person(String name, String displayName, String password) throws Exception {
        String uid = name.toLowerCase();
        directory.add("dn: uid=" + uid + "," + PEOPLE, "objectClass: top", "objectClass: person", "objectClass: organizationalPerson",
                "objectClass: inetOrgPerson", "uid: " + uid,
                "cn: " + displayName, "sn: " + displayName, "mail: " + uid + "@corp.example", "userPassword: " + password);
        return uid;
    }

    private Resp login(String user, String password) {
        return matrix.login(user, password, Map.of());
    }

    private Resp deprovisionNow(String admin) {
        return matrix.post("/_weft/admin/v1/deprovision", admin, Map.of()).expect(200);
    }

    @Test
    void aDirectoryUserSignsInWithTheDirectoryPasswordAndIsCreatedOnce() throws Exception {
        String uid = person(MatrixClient.uniqueName("alice"), "Alice Liddell", "rabbit-hole-1");
        Resp first = login(uid, "rabbit-hole-1").expect(200);
        String userId = "@" + uid + ":localhost:8008";
        assertEquals(userId, first.str("user_id"));
        assertEquals("Alice Liddell", matrix.get("/_matrix/client/v3/profile/" + userId + "/displayname", null)
                .expect(200).str("displayname"));
        assertEquals(userId, login(uid.toUpperCase(), "rabbit-hole-1").expect(200).str("user_id"), "the same user again");

        login(uid, "wrong password").expectError(403, "M_FORBIDDEN");
        login(uid, "").expectError(403, "M_FORBIDDEN"); // never an LDAP "unauthenticated bind"
        login("*", "rabbit-hole-1").expectError(403, "M_FORBIDDEN"); // the filter argument is escaped
        // Only admins are admins: this user is not in the group.
        matrix.get("/_synapse/admin/v1/registration_tokens", first.str("access_token")).expectError(403, "M_FORBIDDEN");
    }

    @Test
    void theDirectorysEmailAddressIsTheUsersAndSignsThemIn() throws Exception {
        String uid = person(MatrixClient.uniqueName("mail"), "Mail User", "mail-pw-123");
        String token = login(uid, "mail-pw-123").expect(200).str("access_token");
        List<Object> threepids = matrix.get("/_matrix/client/v3/account/3pid", token).expect(200).list("threepids");
        assertEquals(1, threepids.size(), threepids.toString());
        Map<?, ?> email = (Map<?, ?>) threepids.get(0);
        assertEquals("email", email.get("medium"));
        assertEquals(uid + "@corp.example", email.get("address"));
        assertTrue(email.get("validated_at") instanceof Number && email.get("added_at") instanceof Number, email.toString());

        // Element's "sign in with email": the address in any case, with the directory's password.
        String userId = "@" + uid + ":localhost:8008";
        assertEquals(userId, emailLogin(uid.toUpperCase() + "@Corp.Example", "mail-pw-123").expect(200).str("user_id"));
        emailLogin(uid + "@corp.example", "wrong password").expectError(403, "M_FORBIDDEN");
        emailLogin("nobody-" + uid + "@corp.example", "mail-pw-123").expectError(403, "M_FORBIDDEN");

        // A new address in the directory replaces the old one at the next sign-in.
        directory.modify("uid=" + uid + "," + PEOPLE,
                new Modification(ModificationType.REPLACE, "mail", uid + ".new@corp.example"));
        login(uid, "mail-pw-123").expect(200);
        assertEquals(List.of(uid + ".new@corp.example"), matrix.get("/_matrix/client/v3/account/3pid", token).expect(200)
                .list("threepids").stream().map(t -> ((Map<?, ?>) t).get("address")).toList());
        emailLogin(uid + "@corp.example", "mail-pw-123").expectError(403, "M_FORBIDDEN");
        matrix.get("/_matrix/client/v3/account/3pid", null).expectError(401, "M_MISSING_TOKEN");
    }

    private Resp emailLogin(String address, String password) {
        return matrix.post("/_matrix/client/v3/login", null, Map.of("type", "m.login.password", "password", password,
                "identifier", Map.of("type", "m.id.thirdparty", "medium", "email", "address", address)));
    }

    @Test
    void sensitiveActionsAskForTheDirectoryPassword() throws Exception {
        String uid = person(MatrixClient.uniqueName("ivan"), "Ivan", "ivan-pw-123");
        String token = login(uid, "ivan-pw-123").expect(200).str("access_token");
        String other = login(uid, "ivan-pw-123").expect(200).str("device_id");
        String path = "/_matrix/client/v3/devices/" + other;
        Resp challenge = matrix.delete(path, token, Map.of()).expect(401);
        assertEquals(java.util.List.of(Map.of("stages", java.util.List.of("m.login.password"))), challenge.get("flows"));
        Map<String, Object> identifier = Map.of("type", "m.id.user", "user", "@" + uid + ":localhost:8008");
        matrix.delete(path, token, Map.of("auth", Map.of("type", "m.login.password", "identifier", identifier,
                "password", "not it", "session", challenge.str("session")))).expectError(401, "M_FORBIDDEN");
        matrix.delete(path, token, Map.of("auth", Map.of("type", "m.login.password", "identifier", identifier,
                "password", "ivan-pw-123", "session", challenge.str("session")))).expect(200);
    }

    @Test
    void aRenamedUserStaysTheSameMatrixUser() throws Exception {
        String uid = person(MatrixClient.uniqueName("judy"), "Judy", "judy-pw-123");
        String userId = login(uid, "judy-pw-123").expect(200).str("user_id");
        String renamed = uid + "-married";
        directory.modifyDN("uid=" + uid + "," + PEOPLE, "uid=" + renamed, true);
        assertEquals(userId, login(renamed, "judy-pw-123").expect(200).str("user_id"));
        assertEquals(userId, login(userId, "judy-pw-123").expect(200).str("user_id"), "her Matrix ID still signs in");
    }

    @Test
    void aRunThatWouldRemoveTooManyChangesNothing() throws Exception {
        String admin = AdminRegistrationIT.newAdmin(matrix);
        java.util.List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String uid = person(MatrixClient.uniqueName("crowd"), "Crowd " + i, "crowd-pw-123");
            tokens.add(login(uid, "crowd-pw-123").expect(200).str("access_token"));
        }
        // A base DN that holds no users: every directory user looks removed.
        ServerSettings.set("weft.ldap.user_base_dn", "ou=groups," + BASE_DN);
        try {
            Resp run = deprovisionNow(admin);
            assertTrue(run.str("skipped").startsWith("it would have removed"), run.text());
        } finally {
            ServerSettings.set("weft.ldap.user_base_dn", PEOPLE);
        }
        for (String token : tokens) {
            matrix.get(WHOAMI, token).expect(200);
        }
    }

    @Test
    void aWeftAccountIsNotShadowedByItsNamesakeInTheDirectory() throws Exception {
        MatrixClient.Session local = matrix.registerUnique("kim");
        String localpart = local.userId().substring(1, local.userId().indexOf(':'));
        person(localpart, "Kim of the directory", "directory-pw-1");
        assertEquals(local.userId(), login(local.userId(), local.password()).expect(200).str("user_id"));
        // The namesake signs in too, as a Matrix user of their own.
        assertEquals("@" + localpart + "1:localhost:8008", login(localpart, "directory-pw-1").expect(200).str("user_id"));
    }

    @Test
    void adminsLockAndUnlockAccounts() throws Exception {
        String admin = AdminRegistrationIT.newAdmin(matrix);
        MatrixClient.Session lee = matrix.registerUnique("lee");
        String path = "/_matrix/client/v1/admin/lock/" + lee.userId();
        matrix.put(path, lee.accessToken(), Map.of("locked", true)).expectError(403, "M_FORBIDDEN");
        matrix.put(path, admin, Map.of("locked", true)).expect(200);
        matrix.get(WHOAMI, lee.accessToken()).expectError(401, "M_USER_LOCKED");
        login(lee.userId(), lee.password()).expectError(401, "M_USER_LOCKED");
        matrix.put(path, admin, Map.of("locked", false)).expect(200);
        matrix.get(WHOAMI, lee.accessToken()).expect(200);
        // A locked user may still log out (spec "Account locking").
        matrix.put(path, admin, Map.of("locked", true)).expect(200);
        matrix.post("/_matrix/client/v3/logout", lee.accessToken(), Map.of()).expect(200);

        matrix.put(path, admin, Map.of("locked", "yes")).expectError(400, "M_BAD_JSON");
        matrix.put(path, admin, Map.of()).expectError(400, "M_MISSING_PARAM");
        matrix.get("/_matrix/client/v1/admin/lock/@lee:other.example", admin).expectError(400, "M_INVALID_PARAM");
        matrix.get("/_matrix/client/v1/admin/lock/@nobody-at-all:localhost:8008", admin).expectError(404, "M_NOT_FOUND");
    }

    @Test
    void usersTheDirectoryDoesNotKnowKeepTheirWeftPasswords() {
        MatrixClient.Session local = matrix.registerUnique("local");
        login(local.userId(), local.password()).expect(200);
    }

    @Test
    void membersOfTheAdminGroupAreServerAdmins() throws Exception {
        String uid = person(MatrixClient.uniqueName("carol"), "Carol Admin", "carol-pw-123");
        directory.modify(ADMINS, new Modification(ModificationType.ADD, "member", "uid=" + uid + "," + PEOPLE));
        String token = login(uid, "carol-pw-123").expect(200).str("access_token");
        matrix.get("/_synapse/admin/v1/registration_tokens", token).expect(200);

        directory.modify(ADMINS, new Modification(ModificationType.DELETE, "member", "uid=" + uid + "," + PEOPLE));
        String later = login(uid, "carol-pw-123").expect(200).str("access_token");
        matrix.get("/_synapse/admin/v1/registration_tokens", later).expectError(403, "M_FORBIDDEN");
    }

    @Test
    void aUserDisabledInTheDirectoryIsLockedAtTheNextRunAndUnlockedWhenEnabledAgain() throws Exception {
        String admin = AdminRegistrationIT.newAdmin(matrix);
        String uid = person(MatrixClient.uniqueName("dave"), "Dave", "dave-pw-123");
        String token = login(uid, "dave-pw-123").expect(200).str("access_token");
        matrix.get(WHOAMI, token).expect(200);

        directory.modify("uid=" + uid + "," + PEOPLE, new Modification(ModificationType.ADD, "nsAccountLock", "TRUE"));
        login(uid, "dave-pw-123").expectError(403, "M_FORBIDDEN"); // disabled: refused even before the run
        deprovisionNow(admin);
        // Spec "Account locking": every request of the session is refused, with soft_logout.
        Resp locked = matrix.get(WHOAMI, token).expectError(401, "M_USER_LOCKED");
        assertEquals(Boolean.TRUE, locked.get("soft_logout"));
        assertEquals(Map.of("locked", true), matrix.get("/_matrix/client/v1/admin/lock/@" + uid + ":localhost:8008", admin)
                .expect(200).json());

        directory.modify("uid=" + uid + "," + PEOPLE, new Modification(ModificationType.DELETE, "nsAccountLock"));
        deprovisionNow(admin);
        // Unlocked: the same session works again, its device and keys intact.
        matrix.get(WHOAMI, token).expect(200);
        login(uid, "dave-pw-123").expect(200);
    }

    @Test
    void aRemovedUserIsDeactivatedWhenSoConfigured() throws Exception {
        String admin = AdminRegistrationIT.newAdmin(matrix);
        String uid = person(MatrixClient.uniqueName("erin"), "Erin", "erin-pw-123");
        String token = login(uid, "erin-pw-123").expect(200).str("access_token");
        ServerSettings.set("weft.ldap.deprovision.action", "deactivate");
        try {
            directory.delete("uid=" + uid + "," + PEOPLE);
            deprovisionNow(admin);
        } finally {
            ServerSettings.set("weft.ldap.deprovision.action", "lock");
        }
        matrix.get(WHOAMI, token).expectError(401, "M_UNKNOWN_TOKEN");
        login(uid, "erin-pw-123").expectError(403, "M_FORBIDDEN");
        // A new employee given the leaver's login name is another person: another Matrix user.
        person(uid, "Erin the Second", "erin-pw-456");
        String newcomer = login(uid, "erin-pw-456").expect(200).str("user_id");
        assertEquals("@" + uid + "1:localhost:8008", newcomer);
        // Even naming the leaver's user ID, the newcomer is signed in as themselves, never as the leaver.
        assertEquals(newcomer, login("@" + uid + ":localhost:8008", "erin-pw-456").expect(200).str("user_id"));
        // The leaver's address went with their account; it is the newcomer's now.
        assertEquals(newcomer, emailLogin(uid + "@corp.example", "erin-pw-456").expect(200).str("user_id"));
    }

    @Test
    void theTimerDeprovisionsWithoutAnyoneAsking() throws Exception {
        String uid = person(MatrixClient.uniqueName("frank"), "Frank", "frank-pw-123");
        String token = login(uid, "frank-pw-123").expect(200).str("access_token");
        directory.modify("uid=" + uid + "," + PEOPLE, new Modification(ModificationType.ADD, "nsAccountLock", "TRUE"));
        ServerSettings.set("weft.ldap.deprovision.interval_ms", "1000");
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
            int status = 200;
            while (status == 200 && Instant.now().isBefore(deadline)) {
                status = matrix.get(WHOAMI, token).status();
                if (status == 200) {
                    Thread.sleep(200);
                }
            }
            assertEquals(401, status, "the token is gone after a timer run");
        } finally {
            ServerSettings.set("weft.ldap.deprovision.interval_ms", "300000");
        }
    }

    @Test
    void anAdminEndsEverySessionOfAUser() throws Exception {
        String admin = AdminRegistrationIT.newAdmin(matrix);
        MatrixClient.Session grace = matrix.registerUnique("grace");
        String second = login(grace.userId(), grace.password()).expect(200).str("access_token");
        matrix.post("/_weft/admin/v1/users/" + grace.userId() + "/logout", grace.accessToken(), Map.of())
                .expectError(403, "M_FORBIDDEN");
        matrix.post("/_weft/admin/v1/users/" + grace.userId() + "/logout", admin, Map.of()).expect(200);
        matrix.get(WHOAMI, grace.accessToken()).expectError(401, "M_UNKNOWN_TOKEN");
        matrix.get(WHOAMI, second).expectError(401, "M_UNKNOWN_TOKEN");
        login(grace.userId(), grace.password()).expect(200); // not locked: only logged out
        matrix.post("/_weft/admin/v1/users/@nobody-here:localhost:8008/logout", admin, Map.of())
                .expectError(404, "M_NOT_FOUND");
        matrix.post("/_weft/admin/v1/users/not-a-user-id/logout", admin, Map.of()).expectError(400, "M_INVALID_PARAM");
    }

    @Test
    void tlsProtectsTheBindsAndTheDirectorysCertificateIsChecked() throws Exception {
        String uid = person(MatrixClient.uniqueName("tls"), "Tess", "tess-pw-123");
        String plainUrl = ServerSettings.get("weft.ldap.url");
        try {
            ServerSettings.set("weft.ldap.starttls", "true");
            // A directory that cannot upgrade the connection never gets the password: 503, not a plain bind.
            login(uid, "tess-pw-123").expectError(503, "M_UNKNOWN");
            ServerSettings.set("weft.ldap.url", "ldap://localhost:" + directory.getListenPort("starttls"));
            // Its certificate is not in the JVM's trust store: refused too.
            login(uid, "tess-pw-123").expectError(503, "M_UNKNOWN");
            ServerSettings.set("weft.ldap.trust_certificate", directoryCertificate.toString());
            assertEquals("@" + uid + ":localhost:8008", login(uid, "tess-pw-123").expect(200).str("user_id"));
            login(uid, "wrong password").expectError(403, "M_FORBIDDEN");
            // The same directory by an address its certificate does not name: refused, trusted or not.
            ServerSettings.set("weft.ldap.url", "ldap://127.0.0.1:" + directory.getListenPort("starttls"));
            login(uid, "tess-pw-123").expectError(503, "M_UNKNOWN");
            // ldaps://, TLS from the start, trusting the same certificate.
            ServerSettings.set("weft.ldap.starttls", "false");
            ServerSettings.set("weft.ldap.url", "ldaps://localhost:" + directory.getListenPort("ldaps"));
            assertEquals("@" + uid + ":localhost:8008", login(uid, "tess-pw-123").expect(200).str("user_id"));
        } finally {
            ServerSettings.set("weft.ldap.starttls", "false");
            ServerSettings.set("weft.ldap.trust_certificate", "");
            ServerSettings.set("weft.ldap.url", plainUrl);
        }
    }

    @Test
    void aDirectoryThatCannotBeReachedLocksNobodyOut() throws Exception {
        String admin = AdminRegistrationIT.newAdmin(matrix);
        String uid = person(MatrixClient.uniqueName("heidi"), "Heidi", "heidi-pw-123");
        String token = login(uid, "heidi-pw-123").expect(200).str("access_token");
        String url = ServerSettings.get("weft.ldap.url");
        ServerSettings.set("weft.ldap.url", "ldap://127.0.0.1:1");
        try {
            assertEquals("the directory cannot be reached", deprovisionNow(admin).str("skipped"));
            Resp refused = login(uid, "heidi-pw-123");
            assertEquals(503, refused.status());
            assertTrue(refused.text().contains("M_UNKNOWN"), refused.text());
        } finally {
            ServerSettings.set("weft.ldap.url", url);
        }
        matrix.get(WHOAMI, token).expect(200);
    }
}
