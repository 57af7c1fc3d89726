/**
 * The single write path of events (architecture notes, "The way a message travels"; client-server
 * API "Sending events", server-server API "PDUs"): build an event with prev and auth events, hash,
 * sign, authorise, persist with its state group and next stream position in one transaction, then
 * announce it; plus reading events and room state back, and the caches in front of them.
 */
package org.weft.ejb.events;
