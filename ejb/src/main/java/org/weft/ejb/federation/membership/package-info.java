/**
 * Joining and leaving rooms across servers (server-server API, "Joining Rooms", "Leaving Rooms
 * (Rejecting Invites)"). As the resident server Weft hands out templates ({@code make_join},
 * {@code make_leave}) and takes the signed events back ({@code send_join}, {@code send_leave}) through
 * the same receipt checks as any PDU, then relays them to the room's other servers.
 */
package org.weft.ejb.federation.membership;
