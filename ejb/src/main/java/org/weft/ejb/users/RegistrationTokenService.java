package org.weft.ejb.users;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.regex.Pattern;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.persistence.users.RegistrationTokenEntity;

/**
 * Registration tokens (client-server API, "Token-authenticated registration"): their validity,
 * their use by a completed registration, and their management by admins.
 */
@Stateless
public class RegistrationTokenService {

    /** The spec's opaque identifier grammar, at most 64 characters. */
    private static final Pattern TOKEN_GRAMMAR = Pattern.compile("[A-Za-z0-9._~-]{1,64}");
    private static final String GENERATED_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    public boolean isValid(String token) {
        if (token == null || !TOKEN_GRAMMAR.matcher(token).matches()) {
            return false;
        }
        RegistrationTokenEntity entity = em.find(RegistrationTokenEntity.class, token);
        return entity != null && entity.isValidAt(System.currentTimeMillis());
    }

    /**
     * Counts a completed registration against the token, re-checking validity under a row lock:
     * two registrations racing for a token's last use cannot both succeed.
     */
    public void consume(String token) {
        RegistrationTokenEntity entity = em.find(RegistrationTokenEntity.class, token,
                LockModeType.PESSIMISTIC_WRITE);
        if (entity == null || !entity.isValidAt(System.currentTimeMillis())) {
            throw new MatrixException(ErrCode.M_UNAUTHORIZED, 401, "Invalid registration token", java.util.Map.of());
        }
        entity.recordCompletedUse();
    }

    public List<RegistrationTokenInfo> list(Boolean valid) {
        long now = System.currentTimeMillis();
        return em.createNamedQuery(RegistrationTokenEntity.FIND_ALL, RegistrationTokenEntity.class)
                .getResultList().stream()
                .filter(t -> valid == null || t.isValidAt(now) == valid)
                .map(RegistrationTokenService::info).toList();
    }

    public RegistrationTokenInfo get(String token) {
        return info(find(token));
    }

    /**
     * Creates a token: the given one, or a random one of {@code length} characters.
     */
    public RegistrationTokenInfo create(String token, Integer length, Integer usesAllowed, Long expiryTime) {
        checkLimits(usesAllowed, expiryTime);
        String value = token != null ? token : generate(length == null ? 16 : length);
        if (!TOKEN_GRAMMAR.matcher(value).matches()) {
            throw MatrixException.invalidParam("token must be 1 to 64 characters of A-Z a-z 0-9 . _ ~ -");
        }
        if (em.find(RegistrationTokenEntity.class, value) != null) {
            throw MatrixException.invalidParam("Token already exists");
        }
        RegistrationTokenEntity entity = new RegistrationTokenEntity(value, usesAllowed, expiryTime);
        em.persist(entity);
        return info(entity);
    }

    public RegistrationTokenInfo update(String token, boolean setUses, Integer usesAllowed,
                                        boolean setExpiry, Long expiryTime) {
        checkLimits(usesAllowed, expiryTime);
        RegistrationTokenEntity entity = find(token);
        if (setUses) {
            entity.setUsesAllowed(usesAllowed);
        }
        if (setExpiry) {
            entity.setExpiryTs(expiryTime);
        }
        return info(entity);
    }

    public void delete(String token) {
        em.remove(find(token));
    }

    private RegistrationTokenEntity find(String token) {
        RegistrationTokenEntity entity = em.find(RegistrationTokenEntity.class, token);
        if (entity == null) {
            throw MatrixException.notFound("No such registration token: " + token);
        }
        return entity;
    }

    private static void checkLimits(Integer usesAllowed, Long expiryTime) {
        if (usesAllowed != null && usesAllowed < 0) {
            throw MatrixException.invalidParam("uses_allowed must be a non-negative integer or null");
        }
        if (expiryTime != null && expiryTime < System.currentTimeMillis()) {
            throw MatrixException.invalidParam("expiry_time must not be in the past");
        }
    }

    private static String generate(int length) {
        if (length < 1 || length > 64) {
            throw MatrixException.invalidParam("length must be between 1 and 64");
        }
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(GENERATED_ALPHABET.charAt(RANDOM.nextInt(GENERATED_ALPHABET.length())));
        }
        return sb.toString();
    }

    private static RegistrationTokenInfo info(RegistrationTokenEntity t) {
        return new RegistrationTokenInfo(t.getToken(), t.getUsesAllowed(), t.getPending(), t.getCompleted(),
                t.getExpiryTs());
    }
}
