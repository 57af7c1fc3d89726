package org.weft.ejb.config;

/** The configured password policy (weft.password.*). */
public record PasswordPolicySettings(int minLength, boolean requireDigit, boolean requireSymbol,
                                     boolean requireLowercase, boolean requireUppercase) {
}
