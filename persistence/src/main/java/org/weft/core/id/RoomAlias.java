package org.weft.core.id;

/**
 * A room alias {@code #alias:domain} (appendices, "Room Aliases"). The localpart may hold any
 * non-surrogate code point except {@code :} and NUL; the domain is the server that owns the
 * alias and answers directory queries for it. The whole alias is at most 255 bytes of UTF-8.
 *
 * <p>An empty localpart ({@code #:example.org}) is refused: the appendix's wording does not
 * spell it out, but such an alias names nothing a user could type, and rejecting it keeps the
 * directory free of it.
 *
 * @param localpart the part between {@code #} and the first {@code :}
 * @param server    the server name of the homeserver that owns the alias
 */
public record RoomAlias(String localpart, ServerName server) {

    public RoomAlias {
        if (localpart == null || localpart.isEmpty()) {
            throw new IllegalArgumentException("Room alias localpart is empty");
        }
        if (server == null) {
            throw new IllegalArgumentException("Room alias needs a server name");
        }
        IdGrammar.checkOpaque("Room alias localpart", localpart);
        IdGrammar.checkLength("Room alias", localpart, server);
    }

    /** A room alias from its parts, checked like {@link #parse}. */
    public static RoomAlias of(String localpart, ServerName server) {
        return new RoomAlias(localpart, server);
    }

    /**
     * Parses {@code #localpart:domain}, splitting at the first {@code :}.
     *
     * @throws IllegalArgumentException if the text is not a room alias
     */
    public static RoomAlias parse(String text) {
        IdGrammar.checkSigil("Room alias", text, '#');
        if (IdGrammar.utf8Length(text) > IdGrammar.MAX_ID_BYTES) {
            throw new IllegalArgumentException("Room alias is longer than " + IdGrammar.MAX_ID_BYTES + " bytes");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Room alias has no server name: " + IdGrammar.quote(text));
        }
        return new RoomAlias(text.substring(1, colon), ServerName.parse(text.substring(colon + 1)));
    }

    /** The wire form {@code #localpart:server}. */
    @Override
    public String toString() {
        return '#' + localpart + ':' + server;
    }
}
