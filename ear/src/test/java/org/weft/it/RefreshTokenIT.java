package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expiring access tokens, soft logout and POST /refresh (access token lifetime 3 s in the test servers' settings, ear/pom.xml). */
class RefreshTokenIT extends WeftIT {

    private static final String WHOAMI = "/_matrix/client/v3/account/whoami";
    private static final String REFRESH = "/_matrix/client/v3/refresh";

    @Test
    void expiredTokenIsSoftLogoutAndRefreshGivesWorkingTokens() {
        MatrixClient.Session user = matrix.registerUnique("refresh");
        Resp login = matrix.login(user.userId(), user.password(), Map.of("refresh_token", true)).expect(200);
        String access = login.str("access_token");
        String refresh = login.str("refresh_token");
        assertNotNull(refresh);
        assertEquals(3000L, ((Number) login.get("expires_in_ms")).longValue());
        matrix.get(WHOAMI, access).expect(200);

        Resp expired = pollUntilStatus(access, 401);
        expired.expectError(401, "M_UNKNOWN_TOKEN");
        assertEquals(Boolean.TRUE, expired.get("soft_logout"));

        Resp refreshed = matrix.post(REFRESH, null, Map.of("refresh_token", refresh)).expect(200);
        String newAccess = refreshed.str("access_token");
        String newRefresh = refreshed.str("refresh_token");
        assertNotNull(newRefresh);
        assertTrue(((Number) refreshed.get("expires_in_ms")).longValue() > 0);

        // Until the new tokens are used, the old refresh token still works (a lost response can be retried).
        Resp retried = matrix.post(REFRESH, null, Map.of("refresh_token", refresh)).expect(200);
        String retriedAccess = retried.str("access_token");
        assertEquals(login.str("device_id"), matrix.get(WHOAMI, retriedAccess).expect(200).str("device_id"));
        // Using the retried tokens retired the old refresh token.
        matrix.post(REFRESH, null, Map.of("refresh_token", refresh)).expectError(401, "M_UNKNOWN_TOKEN");
        assertNotNull(newAccess);
    }

    @Test
    void unknownRefreshTokenIsRefused() {
        Resp refused = matrix.post(REFRESH, null, Map.of("refresh_token", "wfr_nonsense")).expectError(401, "M_UNKNOWN_TOKEN");
        assertEquals(Boolean.FALSE, refused.get("soft_logout"));
        matrix.post(REFRESH, null, Map.of()).expectError(400, "M_MISSING_PARAM");
    }

    @Test
    void clientsWithoutRefreshSupportGetNonExpiringTokens() {
        MatrixClient.Session user = matrix.registerUnique("norefresh");
        Resp login = matrix.login(user.userId(), user.password(), Map.of()).expect(200);
        assertEquals(null, login.get("refresh_token"));
        assertEquals(null, login.get("expires_in_ms"));
    }

    private Resp pollUntilStatus(String token, int status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Resp r = matrix.get(WHOAMI, token);
            if (r.status() == status) {
                return r;
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("token did not reach status " + status + " within 30 s");
    }
}
