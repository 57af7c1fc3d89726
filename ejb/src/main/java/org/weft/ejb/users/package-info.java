/**
 * Accounts, devices, access and refresh tokens, login and registration (client-server API,
 * "Client authentication", "Legacy account registration", "Legacy login", "Device management",
 * "Password management", "Account deactivation"), and the email addresses users have from their
 * identity provider or directory ("Adding Account Administrative Contact Information", read-only).
 */
package org.weft.ejb.users;
