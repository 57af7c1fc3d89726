package org.weft.ejb.sso;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.users.Tokens;

/**
 * Login tokens for {@code m.login.token} (client-server API, "Token-based login"): short-lived,
 * used once, stored only as their hash. The token stands for the user, as the spec requires: the
 * {@code /login} request carries nothing else.
 */
@Stateless
public class LoginTokens {

    static final String PREFIX = "wfl_";

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    WeftSettings settings;

    /** A new login token for the user, valid for {@code weft.sso.login_token_lifetime_ms}. */
    public String issue(String userId) {
        return issue(userId, settings.sso().loginTokenLifetimeMs());
    }

    /** A new login token for the user, valid for {@code lifetimeMs}. */
    public String issue(String userId, long lifetimeMs) {
        String token = PREFIX + Tokens.randomString(32);
        em.createNativeQuery("INSERT INTO login_tokens (token_hash, user_id, expires_ts) VALUES (?, ?, ?)")
                .setParameter(1, Tokens.hash(token)).setParameter(2, userId)
                .setParameter(3, System.currentTimeMillis() + lifetimeMs).executeUpdate();
        return token;
    }

    /**
     * The user the token stands for; the token is spent. An unknown, used or expired token is
     * 403 M_FORBIDDEN, as the spec says. Deleting first makes two concurrent uses yield one login.
     */
    public String consume(String token) {
        String hash = Tokens.hash(token);
        List<?> rows = em.createNativeQuery("SELECT user_id, expires_ts FROM login_tokens WHERE token_hash = ?")
                .setParameter(1, hash).getResultList();
        int deleted = em.createNativeQuery("DELETE FROM login_tokens WHERE token_hash = ?").setParameter(1, hash)
                .executeUpdate();
        if (rows.isEmpty() || deleted == 0) {
            throw MatrixException.forbidden("Invalid login token");
        }
        Object[] row = (Object[]) rows.get(0);
        if (((Number) row[1]).longValue() < System.currentTimeMillis()) {
            throw MatrixException.forbidden("The login token has expired");
        }
        return (String) row[0];
    }

    /** Expired tokens nobody used are removed every ten minutes. */
    @Schedule(hour = "*", minute = "*/10", persistent = false)
    void purgeExpired() {
        em.createNativeQuery("DELETE FROM login_tokens WHERE expires_ts < ?")
                .setParameter(1, System.currentTimeMillis()).executeUpdate();
        em.createNativeQuery("DELETE FROM sso_attempts WHERE created_ts < ?")
                .setParameter(1, System.currentTimeMillis() - settings.sso().attemptLifetimeMs()).executeUpdate();
    }
}
