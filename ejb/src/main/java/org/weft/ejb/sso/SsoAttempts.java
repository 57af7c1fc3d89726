package org.weft.ejb.sso;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.WeftSettings;

/**
 * Storage of single sign-on attempts in progress (table {@code sso_attempts}): each step is one
 * transaction. The state parameter and the browser's cookie are kept only as hashes, like tokens.
 */
@Stateless
public class SsoAttempts {

    /**
     * One attempt.
     *
     * @param redirectUrl the client's URL; empty for user-interactive auth
     * @param userId      who the identity provider vouched for; null until its callback succeeded
     * @param uiaSession  the user-interactive auth session this attempt is to complete, or null for a login
     * @param handoffHash for an answer that came without the browser's cookie (SAML): the hash of
     *                    the secret the answering browser was given, needed with the cookie to go on
     */
    public record Attempt(String stateHash, String browserHash, String idpId, String redirectUrl, String nonce,
                          String codeVerifier, String userId, String uiaSession, long createdTs, String handoffHash) {
    }

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    WeftSettings settings;

    @EJB
    IdentityProvisioning provisioning;

    @EJB
    LoginTokens loginTokens;

    public void start(Attempt attempt) {
        em.createNativeQuery("INSERT INTO sso_attempts (state_hash, browser_hash, idp_id, redirect_url, nonce,"
                        + " code_verifier, user_id, uia_session, created_ts) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)")
                .setParameter(1, attempt.stateHash()).setParameter(2, attempt.browserHash())
                .setParameter(3, attempt.idpId()).setParameter(4, attempt.redirectUrl())
                .setParameter(5, attempt.nonce()).setParameter(6, attempt.codeVerifier())
                .setParameter(7, attempt.uiaSession()).setParameter(8, attempt.createdTs()).executeUpdate();
    }

    /**
     * The attempt of this browser, unexpired; otherwise 403 M_FORBIDDEN. A browser other than the
     * one that started it (a link an attacker sent) cannot resume it (spec, "Security
     * considerations": guard against unsolicited authentication attempts).
     */
    public Attempt find(String stateHash, String browserHash) {
        Attempt attempt = findUnbound(stateHash);
        if (browserHash == null || !browserHash.equals(attempt.browserHash())) {
            throw MatrixException.forbidden("This sign-in was started in another browser");
        }
        return attempt;
    }

    /**
     * The attempt of this browser, which must also hold the hand-off secret when the provider's
     * answer came without the cookie (SAML): the browser that started the attempt and the one the
     * IdP answered must be the same. An attacker who sends a victim his attempt's IdP link holds
     * the cookie but never sees the secret, which goes to the victim's browser.
     */
    public Attempt findHandedOff(String stateHash, String browserHash, String handoffHash) {
        Attempt attempt = find(stateHash, browserHash);
        if (attempt.handoffHash() != null && !attempt.handoffHash().equals(handoffHash)) {
            throw MatrixException.forbidden("This sign-in was answered in another browser; start again from your client");
        }
        return attempt;
    }

    /**
     * The attempt, unexpired, whichever browser asks: for the SAML POST from the IdP, which carries
     * no SameSite=Lax cookie; the browser is checked at the next step, a GET of Weft's own.
     */
    public Attempt findUnbound(String stateHash) {
        List<?> rows = em.createNativeQuery("SELECT state_hash, browser_hash, idp_id, redirect_url, nonce,"
                + " code_verifier, user_id, uia_session, created_ts, handoff_hash FROM sso_attempts WHERE state_hash = ?")
                .setParameter(1, stateHash).getResultList();
        if (rows.isEmpty()) {
            throw MatrixException.forbidden("This sign-in is unknown or finished; start again from your client");
        }
        Object[] r = (Object[]) rows.get(0);
        Attempt attempt = new Attempt((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], (String) r[7], ((Number) r[8]).longValue(), (String) r[9]);
        if (attempt.createdTs() + settings.sso().attemptLifetimeMs() < System.currentTimeMillis()) {
            throw MatrixException.forbidden("This sign-in took too long; start again from your client");
        }
        return attempt;
    }

    /**
     * Records who the identity provider vouched for, creating the user at the first sign-in: one
     * transaction. A callback replayed for an attempt already vouched for is refused.
     */
    public String vouch(String stateHash, ExternalUser person) {
        return vouch(stateHash, person, null);
    }

    /** As {@link #vouch(String, ExternalUser)}, for an answer that came without the cookie: with its hand-off's hash. */
    public String vouch(String stateHash, ExternalUser person, String handoffHash) {
        String userId = provisioning.userFor(person);
        int updated = em.createNativeQuery("UPDATE sso_attempts SET user_id = ?, handoff_hash = ? WHERE state_hash = ?"
                        + " AND user_id IS NULL")
                .setParameter(1, userId).setParameter(2, handoffHash).setParameter(3, stateHash).executeUpdate();
        if (updated == 0) {
            throw MatrixException.forbidden("This sign-in is finished; start again from your client");
        }
        return userId;
    }

    /**
     * Ends an attempt of user-interactive auth: the identity provider vouched for the very user the
     * UIA session belongs to (never creating anyone), so the session's {@code m.login.sso} stage is done.
     */
    public void proveIdentity(String stateHash, ExternalUser person, String expectedUserId) {
        String userId = provisioning.linkedUser(person.idpId(), person.subject());
        if (userId == null || !userId.equals(expectedUserId)) {
            throw MatrixException.forbidden("You signed in at the identity provider as someone else");
        }
        spend(stateHash);
    }

    /** Deletes the attempt; a second request that read it too (a double click) finds it gone and is refused. */
    private void spend(String stateHash) {
        if (em.createNativeQuery("DELETE FROM sso_attempts WHERE state_hash = ?").setParameter(1, stateHash)
                .executeUpdate() != 1) {
            throw MatrixException.forbidden("This sign-in is finished; start again from your client");
        }
    }

    /**
     * For user-interactive auth by SAML, whose answer arrives before the browser is checked: records
     * that the IdP vouched for the session's own user; {@link #spendVouched} ends it.
     */
    public void vouchLinked(String stateHash, ExternalUser person, String expectedUserId, String handoffHash) {
        String userId = provisioning.linkedUser(person.idpId(), person.subject());
        if (userId == null || !userId.equals(expectedUserId)) {
            throw MatrixException.forbidden("You signed in at the identity provider as someone else");
        }
        if (em.createNativeQuery("UPDATE sso_attempts SET user_id = ?, handoff_hash = ? WHERE state_hash = ?"
                        + " AND user_id IS NULL")
                .setParameter(1, userId).setParameter(2, handoffHash).setParameter(3, stateHash).executeUpdate() != 1) {
            throw MatrixException.forbidden("This sign-in is finished; start again from your client");
        }
    }

    /** Ends an attempt the IdP vouched for, in the browser that started it. */
    public Attempt spendVouched(String stateHash, String browserHash, String handoffHash) {
        Attempt attempt = findHandedOff(stateHash, browserHash, handoffHash);
        if (attempt.userId() == null) {
            throw MatrixException.forbidden("Sign in at the identity provider first");
        }
        spend(stateHash);
        return attempt;
    }

    /**
     * The user confirmed: the attempt ends, and its client's URL with a fresh login token is where
     * the browser goes.
     */
    public String redeem(String stateHash, String browserHash, String handoffHash) {
        Attempt attempt = findHandedOff(stateHash, browserHash, handoffHash);
        if (attempt.userId() == null || attempt.uiaSession() != null) {
            throw MatrixException.forbidden("Sign in at the identity provider first");
        }
        spend(stateHash);
        return RedirectUrls.withLoginToken(attempt.redirectUrl(), loginTokens.issue(attempt.userId()));
    }
}
