/**
 * Validating value objects for Matrix identifiers (appendices, "Identifier Grammar": "Server
 * Name", "Common Identifier Format", "User Identifiers", "Room IDs", "Room Aliases", "Event
 * IDs"). Each is a record with a {@code parse(String)} that throws
 * {@link java.lang.IllegalArgumentException} with a message naming the problem, and a
 * {@code toString()} that returns the wire form, so {@code X.parse(s).toString().equals(s)} for
 * every accepted {@code s}. Callers decide which Matrix error an invalid ID becomes (for
 * example M_INVALID_PARAM in a request, a dropped PDU over federation).
 */
package org.weft.core.id;
