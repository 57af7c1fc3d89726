package org.weft.ejb.users;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Storage of users' third-party identifiers (table {@code user_threepids}): the email addresses the
 * organisation's identity provider or directory gives, shown by {@code GET /account/3pid} and usable
 * to log in with ({@code m.id.thirdparty}). In the caller's transaction.
 */
@Stateless
public class ThreepidStore {

    public static final String EMAIL = "email";

    private static final Logger LOG = Logger.getLogger(ThreepidStore.class);

    /** One identifier of a user (client-server API, GET /account/3pid). */
    public record Threepid(String medium, String address, long validatedTs, long addedTs) {
    }

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    public List<Threepid> of(String userId) {
        return em.createNativeQuery("SELECT medium, address, validated_ts, added_ts FROM user_threepids"
                + " WHERE user_id = ? ORDER BY medium, address").setParameter(1, userId).getResultList().stream()
                .map(row -> {
                    Object[] r = (Object[]) row;
                    return new Threepid((String) r[0], (String) r[1], ((Number) r[2]).longValue(),
                            ((Number) r[3]).longValue());
                }).toList();
    }

    /** The user an identifier belongs to, the address given in any case. */
    public Optional<String> userOf(String medium, String address) {
        String canonical = medium == null || address == null ? null : canonical(medium, address);
        if (canonical == null) {
            return Optional.empty();
        }
        List<?> rows = em.createNativeQuery("SELECT user_id FROM user_threepids WHERE medium = ? AND address = ?")
                .setParameter(1, medium).setParameter(2, canonical).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((String) rows.get(0));
    }

    /**
     * Makes the email address that {@code source} (an identity provider or the directory) gives
     * the user the only one it manages for them: a changed address replaces the old one, none
     * removes it. An address already another user's stays theirs (two people cannot log in with
     * one address), and the log says so.
     */
    public void setEmail(String userId, String source, String email) {
        String address = email == null ? null : canonicalEmail(email);
        List<?> current = em.createNativeQuery("SELECT address FROM user_threepids WHERE user_id = ? AND medium = ?"
                + " AND managed_by = ?").setParameter(1, userId).setParameter(2, EMAIL).setParameter(3, source)
                .getResultList();
        if (address != null && current.size() == 1 && address.equals(current.get(0))) {
            return;
        }
        em.createNativeQuery("DELETE FROM user_threepids WHERE user_id = ? AND medium = ? AND managed_by = ?")
                .setParameter(1, userId).setParameter(2, EMAIL).setParameter(3, source).executeUpdate();
        if (address == null) {
            return;
        }
        Optional<String> owner = userOf(EMAIL, address);
        if (owner.isPresent()) {
            if (!owner.get().equals(userId)) {
                LOG.infof("The email address %s that %s gives %s is already %s's; not added", address, source, userId,
                        owner.get());
            }
            return;
        }
        long now = System.currentTimeMillis();
        em.createNativeQuery("INSERT INTO user_threepids (medium, address, user_id, managed_by, validated_ts, added_ts)"
                        + " VALUES (?, ?, ?, ?, ?, ?)").setParameter(1, EMAIL).setParameter(2, address)
                .setParameter(3, userId).setParameter(4, source).setParameter(5, now).setParameter(6, now).executeUpdate();
    }

    /** A deactivated account keeps no identifiers (spec "Account deactivation"). */
    public void removeAll(String userId) {
        em.createNativeQuery("DELETE FROM user_threepids WHERE user_id = ?").setParameter(1, userId).executeUpdate();
    }

    /**
     * An email address in the canonical form of the spec's appendix ("3PID Types"): lower case
     * (the domain must be; the local part is too, as every mail system an organisation runs treats
     * it so). Null for what is not an address.
     */
    public static String canonicalEmail(String email) {
        String trimmed = email.strip();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1 || trimmed.length() > 320
                || trimmed.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return null;
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    private static String canonical(String medium, String address) {
        return EMAIL.equals(medium) ? canonicalEmail(address) : address;
    }
}
