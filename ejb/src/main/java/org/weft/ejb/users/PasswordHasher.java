package org.weft.ejb.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import org.jboss.logging.Logger;
import org.weft.ejb.config.WeftSettings;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * Hashes and verifies account passwords with bcrypt from WildFly Elytron, stored in modular-crypt
 * form ({@code $2a$cost$salt+hash}) so the cost travels with each hash and can be raised later
 * without invalidating existing passwords.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final Logger LOG = Logger.getLogger(PasswordHasher.class);
    private static final WildFlyElytronPasswordProvider PROVIDER = WildFlyElytronPasswordProvider.getInstance();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A real hash of a password nobody has: verifying unknown users against it costs as much as
     * a real check, so response times do not tell which user names exist.
     */
    private volatile String decoyHash;

    @Inject
    WeftSettings settings;

    public PasswordHasher() {
    }

    /** For unit tests outside the container. */
    public PasswordHasher(WeftSettings settings) {
        this.settings = settings;
    }

    public String hash(String password) {
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            byte[] salt = new byte[BCryptPassword.BCRYPT_SALT_SIZE];
            RANDOM.nextBytes(salt);
            IteratedSaltedPasswordAlgorithmSpec params =
                    new IteratedSaltedPasswordAlgorithmSpec(settings.bcryptCost(), salt);
            Password hashed = factory.generatePassword(new EncryptablePasswordSpec(password.toCharArray(), params));
            return ModularCrypt.encodeAsString(hashed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt from WildFly Elytron is unavailable", e);
        }
    }

    /** True if {@code password} matches {@code storedHash}; false for a null or unreadable hash. */
    public boolean verify(String storedHash, String password) {
        if (storedHash == null) {
            verify(decoy(), password);
            return false;
        }
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            Password stored = factory.translate(ModularCrypt.decode(storedHash));
            return factory.verify(stored, password.toCharArray());
        } catch (InvalidKeySpecException e) {
            LOG.warn("A stored password hash could not be read; treating it as not matching");
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt from WildFly Elytron is unavailable", e);
        }
    }

    /** Spends the time of one password check, for users that do not exist. */
    public void spendEquivalentTime(String password) {
        verify(decoy(), password);
    }

    private String decoy() {
        String d = decoyHash;
        if (d == null) {
            d = hash(Tokens.randomString(16));
            decoyHash = d;
        }
        return d;
    }
}
