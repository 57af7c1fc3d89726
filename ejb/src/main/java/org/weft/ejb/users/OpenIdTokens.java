package org.weft.ejb.users;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.weft.core.error.MatrixException;

/**
 * OpenID tokens (client-server API, "OpenID"; server-server API, "OpenID"): a user asks for one
 * ({@code POST /user/{userId}/openid/request_token}) and hands it to a third party, which learns the
 * user's ID from {@code GET /_matrix/federation/v1/openid/userinfo}. The token proves identity and
 * nothing else: it is not an access token. Kept hashed, valid for an hour.
 */
@Stateless
public class OpenIdTokens {

    /** How long a token is valid (Synapse's default too). */
    static final long LIFETIME_MS = 3_600_000L;

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    /** A new token for the user; the caller answers {@code expires_in} with {@link #LIFETIME_MS}. */
    public String issue(String userId) {
        String token = "wfo_" + Tokens.randomString(24);
        em.createNativeQuery("INSERT INTO openid_tokens (token_hash, user_id, expires_ts) VALUES (?,?,?)")
                .setParameter(1, Tokens.hash(token)).setParameter(2, userId)
                .setParameter(3, System.currentTimeMillis() + LIFETIME_MS).executeUpdate();
        return token;
    }

    /** Seconds a new token is valid for. */
    public long lifetimeSeconds() {
        return LIFETIME_MS / 1000;
    }

    /**
     * The user a token was issued to.
     *
     * @throws MatrixException 401 M_UNKNOWN_TOKEN when it is unknown or expired
     */
    public String userOf(String token) {
        List<?> rows = token == null ? List.of() : em.createNativeQuery(
                "SELECT user_id FROM openid_tokens WHERE token_hash = ? AND expires_ts > ?")
                .setParameter(1, Tokens.hash(token)).setParameter(2, System.currentTimeMillis()).getResultList();
        if (rows.isEmpty()) {
            throw MatrixException.unknownToken("The OpenID token is unknown or expired", false);
        }
        return (String) rows.get(0);
    }

    /** Expired tokens go. */
    @Schedule(hour = "*", minute = "41", persistent = false)
    void forgetExpired() {
        em.createNativeQuery("DELETE FROM openid_tokens WHERE expires_ts <= ?")
                .setParameter(1, System.currentTimeMillis()).executeUpdate();
    }
}
