/**
 * Client-server API resources for rooms (client-server API, "Rooms": creation, membership, state,
 * sending and reading events, aliases, the room directory). All share the root
 * {@code /_matrix/client} (docs/adr/0001).
 */
package org.weft.web.rooms;
