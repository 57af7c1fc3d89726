package org.weft.ejb.sso;

/**
 * A user entry found in the directory.
 *
 * @param dn          the entry's distinguished name, which a password is checked against
 * @param id          the entry's lasting identity (the ID attribute's bytes, hex): what Weft records,
 *                    so that a renamed user stays the same Matrix user and a new employee who is
 *                    given a leaver's login name does not become them
 * @param loginName   the value of the login attribute (the localpart's source)
 * @param displayName the display name attribute, or null
 * @param email       the email attribute, or null
 */
public record DirectoryUser(String dn, String id, String loginName, String displayName, String email) {
}
