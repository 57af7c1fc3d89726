/**
 * Rooms as clients see them (client-server API, "Rooms", "Room membership", "Room aliases",
 * "Published room directory", "Room upgrades", "Room history visibility"): creation with its
 * presets, membership changes, state reads and writes, history (/messages, /context,
 * timestamp_to_event), aliases, the public directory and upgrades. Every write goes through
 * {@link org.weft.ejb.events.EventService}.
 */
package org.weft.ejb.rooms;
