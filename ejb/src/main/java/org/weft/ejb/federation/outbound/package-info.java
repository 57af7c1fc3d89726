/**
 * Sending this server's events to the other servers of a room (server-server API, "Transactions",
 * "PDUs"): a queue per destination kept in the database so it survives a restart
 * ({@link OutboundQueueStore}), filled in the event's own transaction ({@link OutboundQueue}), and
 * drained one transaction at a time per destination, up to 50 PDUs each, with exponential backoff
 * on EJB timers after a failure ({@link FederationSender}). The destinations of a room are the
 * servers of its joined members ({@link RoomServers}).
 */
package org.weft.ejb.federation.outbound;
