package org.weft.ejb.users;

/** A registration token as the Synapse-compatible admin API shows it. */
public record RegistrationTokenInfo(String token, Integer usesAllowed, int pending, int completed,
                                    Long expiryTime) {
}
