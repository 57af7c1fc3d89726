package org.weft.ejb.users;

import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.PasswordPolicySettings;

/**
 * The configured password policy; a password that fails it gets 400 M_WEAK_PASSWORD
 * (client-server API, "Password management").
 */
public final class PasswordPolicy {

    /** bcrypt reads at most 72 bytes; longer passwords would silently lose their tail. */
    static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    public static void check(String password, PasswordPolicySettings policy) {
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw weak("Password is too long (at most " + MAX_BYTES + " bytes)");
        }
        if (password.codePointCount(0, password.length()) < policy.minLength()) {
            throw weak("Password is too short (at least " + policy.minLength() + " characters)");
        }
        if (policy.requireDigit() && password.chars().noneMatch(Character::isDigit)) {
            throw weak("Password must contain a digit");
        }
        if (policy.requireSymbol() && password.chars().allMatch(Character::isLetterOrDigit)) {
            throw weak("Password must contain a symbol");
        }
        if (policy.requireLowercase() && password.chars().noneMatch(Character::isLowerCase)) {
            throw weak("Password must contain a lowercase letter");
        }
        if (policy.requireUppercase() && password.chars().noneMatch(Character::isUpperCase)) {
            throw weak("Password must contain an uppercase letter");
        }
    }

    private static MatrixException weak(String message) {
        return new MatrixException(ErrCode.M_WEAK_PASSWORD, message);
    }
}
