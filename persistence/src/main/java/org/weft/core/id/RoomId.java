package org.weft.core.id;

/**
 * A room ID (appendices, "Room IDs"). Room versions before 12 use {@code !opaque:domain}, where
 * the domain only avoids collisions; from room version 12 on a room ID is the create event's
 * event ID with {@code !} as sigil and has no domain. Both forms are accepted, so
 * {@link #server()} is null for the newer one.
 *
 * <p>The opaque part may hold any non-surrogate code point except {@code :} and NUL (the
 * appendix's localpart rule); it must not be empty, as no room version produces an empty one.
 * The whole ID is at most 255 bytes of UTF-8.
 *
 * @param opaque the part after {@code !} (before {@code :} when there is a domain)
 * @param server the domain of the creating server, or null for domain-less room IDs
 */
public record RoomId(String opaque, ServerName server) {

    public RoomId {
        if (opaque == null || opaque.isEmpty()) {
            throw new IllegalArgumentException("Room ID opaque part is empty");
        }
        IdGrammar.checkOpaque("Room ID", opaque);
        IdGrammar.checkLength("Room ID", opaque, server);
    }

    /** A room ID from its parts; {@code server} may be null for room version 12 and later. */
    public static RoomId of(String opaque, ServerName server) {
        return new RoomId(opaque, server);
    }

    /**
     * Parses {@code !opaque:domain} or {@code !opaque}. The opaque part of domain-less IDs is
     * unpadded base64 and never contains {@code :}, so a colon always starts a domain.
     *
     * @throws IllegalArgumentException if the text is not a room ID
     */
    public static RoomId parse(String text) {
        IdGrammar.checkSigil("Room ID", text, '!');
        if (IdGrammar.utf8Length(text) > IdGrammar.MAX_ID_BYTES) {
            throw new IllegalArgumentException("Room ID is longer than " + IdGrammar.MAX_ID_BYTES + " bytes");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new RoomId(text.substring(1), null);
        }
        return new RoomId(text.substring(1, colon), ServerName.parse(text.substring(colon + 1)));
    }

    /** The wire form {@code !opaque[:server]}. */
    @Override
    public String toString() {
        return server == null ? '!' + opaque : '!' + opaque + ':' + server;
    }
}
