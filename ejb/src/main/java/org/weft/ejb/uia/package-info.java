/**
 * User-interactive authentication (client-server API, "User-Interactive Authentication API"):
 * flows, stages (m.login.dummy, m.login.password, m.login.registration_token) and sessions kept
 * in an Infinispan cache.
 */
package org.weft.ejb.uia;
