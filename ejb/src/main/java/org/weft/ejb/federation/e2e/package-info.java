/**
 * End-to-end encryption across servers (server-server API, "Device Management" and "End-to-End
 * Encryption"; client-server API, end-to-end encryption module): other servers' users' device
 * lists kept here and updated by their EDUs, the client's key queries and claims that name other
 * servers' users, and this server's answers to other servers' queries.
 */
package org.weft.ejb.federation.e2e;
