/**
 * Space hierarchies across servers (client-server API, {@code GET /rooms/{roomId}/hierarchy};
 * server-server API, "Spaces"): the client's walk through a space tree, asking other servers for
 * the rooms this server does not hold, and this server's answers to theirs.
 */
package org.weft.ejb.federation.spaces;
