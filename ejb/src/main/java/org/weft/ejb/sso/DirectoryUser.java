package org.weft.ejb.sso;

/**
 * A user entry found in the directory.
 *
 * @param dn          the entry's distinguished name, which a password is checked against
 * @param loginName   the value of the login attribute (the localpart's source)
 * @param displayName the display name attribute, or null
 * @param email       the email attribute, or null
 */
public record DirectoryUser(String dn, String loginName, String displayName, String email) {
}
