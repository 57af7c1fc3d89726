/**
 * The server-server API's endpoints (spec: server-server API). Every one but the version is
 * {@link org.weft.web.auth.FederationAuthenticated}: other servers sign their requests.
 */
package org.weft.web.federation;
