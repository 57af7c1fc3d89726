/**
 * JPA entities of rooms and the event graph (spec "Room structure", server-server API "PDUs"):
 * events with their exact JSON, graph edges, forward extremities, state groups, current state,
 * transaction IDs, aliases.
 */
package org.weft.persistence.rooms;
