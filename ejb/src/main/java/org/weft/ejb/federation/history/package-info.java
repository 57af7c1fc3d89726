/**
 * A room's past from other servers (server-server API, "Backfilling and retrieving missing
 * events"): when a client pages back past the oldest event this server holds of a room it joined
 * late, the events before it are asked of a server in the room ({@code /backfill}), checked as any
 * PDU, and stored below the history this server had; the state of the oldest of them comes from
 * {@code /state} ({@code org.weft.ejb.federation.inbound.RemoteStateAt}).
 */
package org.weft.ejb.federation.history;
