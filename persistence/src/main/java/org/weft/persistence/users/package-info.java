/**
 * JPA entities for accounts, devices, access and refresh tokens and registration tokens
 * (client-server API, "Client authentication", "Device management"). Tokens are stored hashed.
 */
package org.weft.persistence.users;
