/**
 * Accounts, devices, access and refresh tokens, login and registration (client-server API,
 * "Client authentication", "Legacy account registration", "Legacy login", "Device management",
 * "Password management", "Account deactivation").
 */
package org.weft.ejb.users;
