/**
 * What federation keeps about other servers: their signing keys (server-server API, "Retrieving
 * server keys"), current and old, and the signed responses they came in.
 */
package org.weft.persistence.federation;
