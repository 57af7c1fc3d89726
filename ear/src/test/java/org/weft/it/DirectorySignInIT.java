package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.time.Duration;
import java.time.Instant;
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

    @BeforeAll
    static void startDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
        config.addAdditionalBindCredentials("cn=weft,ou=services," + BASE_DN, "service-secret");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        config.setSchema(null); // nsAccountLock (389 Directory Server's "disabled") is not in the standard schema
        directory = new InMemoryDirectoryServer(config);
        directory.startListening();
        directory.add("dn: " + BASE_DN, "objectClass: domain", "dc: corp");
        directory.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
        directory.add("dn: ou=groups," + BASE_DN, "objectClass: organizationalUnit", "ou: groups");
        directory.add("dn: " + ADMINS, "objectClass: groupOfNames", "cn: matrix-admins", "member: cn=nobody");
        ServerSettings.set("weft.ldap.url", "ldap://localhost:" + directory.getListenPort());
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

    private String deprovisionNow(String admin) {
        return String.valueOf(matrix.post("/_weft/admin/v1/deprovision", admin, Map.of()).expect(200).get("changed"));
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
        deprovisionNow(admin);
        matrix.get(WHOAMI, token).expectError(401, "M_UNKNOWN_TOKEN");
        login(uid, "dave-pw-123").expectError(401, "M_USER_LOCKED");

        directory.modify("uid=" + uid + "," + PEOPLE, new Modification(ModificationType.DELETE, "nsAccountLock"));
        deprovisionNow(admin);
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
        login(uid, "erin-pw-123").expectError(403, "M_USER_DEACTIVATED");
        person(uid, "Erin", "erin-pw-123"); // back in the directory: deactivation is for good
        login(uid, "erin-pw-123").expectError(403, "M_USER_DEACTIVATED");
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
    void aDirectoryThatCannotBeReachedLocksNobodyOut() throws Exception {
        String admin = AdminRegistrationIT.newAdmin(matrix);
        String uid = person(MatrixClient.uniqueName("heidi"), "Heidi", "heidi-pw-123");
        String token = login(uid, "heidi-pw-123").expect(200).str("access_token");
        String url = ServerSettings.get("weft.ldap.url");
        ServerSettings.set("weft.ldap.url", "ldap://127.0.0.1:1");
        try {
            assertEquals("-1", deprovisionNow(admin));
            Resp refused = login(uid, "heidi-pw-123");
            assertEquals(503, refused.status());
            assertTrue(refused.text().contains("M_UNKNOWN"), refused.text());
        } finally {
            ServerSettings.set("weft.ldap.url", url);
        }
        matrix.get(WHOAMI, token).expect(200);
    }
}
