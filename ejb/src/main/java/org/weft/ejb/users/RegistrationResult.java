package org.weft.ejb.users;

/** The outcome of a registration: the new user, and a session unless login was inhibited. */
public record RegistrationResult(String userId, String homeServer, IssuedSession session) {
}
