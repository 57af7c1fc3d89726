package org.weft.core.id;

/**
 * An event ID (appendices, "Event IDs"). Room versions 1 and 2 use {@code $opaque:domain};
 * from room version 3 on it is {@code $} followed by the base64 reference hash of the event, with
 * no domain, so {@link #server()} is null for those.
 *
 * <p>The opaque part may hold any non-surrogate code point except {@code :} and NUL and must not
 * be empty; the whole ID, sigil and domain included, is at most 255 bytes of UTF-8. Which form a
 * given room version requires is for the room version code to check, not this parser.
 *
 * @param opaque the part after {@code $} (before {@code :} when there is a domain)
 * @param server the domain of the sending server (room versions 1 and 2), or null
 */
public record EventId(String opaque, ServerName server) {

    public EventId {
        if (opaque == null || opaque.isEmpty()) {
            throw new IllegalArgumentException("Event ID opaque part is empty");
        }
        IdGrammar.checkOpaque("Event ID", opaque);
        IdGrammar.checkLength("Event ID", opaque, server);
    }

    /** An event ID from its parts; {@code server} is null for room version 3 and later. */
    public static EventId of(String opaque, ServerName server) {
        return new EventId(opaque, server);
    }

    /**
     * Parses {@code $opaque} or {@code $opaque:domain}. Base64 (standard or URL-safe) has no
     * {@code :}, so a colon always starts a domain.
     *
     * @throws IllegalArgumentException if the text is not an event ID
     */
    public static EventId parse(String text) {
        IdGrammar.checkSigil("Event ID", text, '$');
        if (IdGrammar.utf8Length(text) > IdGrammar.MAX_ID_BYTES) {
            throw new IllegalArgumentException("Event ID is longer than " + IdGrammar.MAX_ID_BYTES + " bytes");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new EventId(text.substring(1), null);
        }
        return new EventId(text.substring(1, colon), ServerName.parse(text.substring(colon + 1)));
    }

    /** The wire form {@code $opaque[:server]}. */
    @Override
    public String toString() {
        return server == null ? '$' + opaque : '$' + opaque + ':' + server;
    }
}
