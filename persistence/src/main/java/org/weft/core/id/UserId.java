package org.weft.core.id;

/**
 * A Matrix user ID {@code @localpart:domain} (appendices, "User Identifiers", "Historical User
 * IDs").
 *
 * <p>Parsing is deliberately lenient about the localpart: the appendix requires servers to
 * accept historical user IDs from other servers, whose localparts may hold any non-surrogate
 * code point except {@code :} and NUL, even be empty. What Weft itself allocates must satisfy
 * the strict grammar instead, which registration checks with {@link #isValidNewLocalpart}.
 * The 255-byte limit on the whole ID applies in both cases.
 *
 * @param localpart the part between {@code @} and the first {@code :}
 * @param server    the server name of the homeserver that allocated the account
 */
public record UserId(String localpart, ServerName server) {

    public UserId {
        if (localpart == null || server == null) {
            throw new IllegalArgumentException("User ID localpart and server are required");
        }
        IdGrammar.checkOpaque("User ID localpart", localpart);
        IdGrammar.checkLength("User ID", localpart, server);
    }

    /** A user ID from its parts, checked like {@link #parse}. */
    public static UserId of(String localpart, ServerName server) {
        return new UserId(localpart, server);
    }

    /**
     * Parses {@code @localpart:domain}, splitting at the first {@code :} since localparts
     * cannot contain one while server names can (the port).
     *
     * @throws IllegalArgumentException if the text is not a user ID
     */
    public static UserId parse(String text) {
        IdGrammar.checkSigil("User ID", text, '@');
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("User ID has no server name: " + IdGrammar.quote(text));
        }
        // Check the overall length first so a huge input fails fast, before any other work.
        if (IdGrammar.utf8Length(text) > IdGrammar.MAX_ID_BYTES) {
            throw new IllegalArgumentException("User ID is longer than " + IdGrammar.MAX_ID_BYTES + " bytes");
        }
        return new UserId(text.substring(1, colon), ServerName.parse(text.substring(colon + 1)));
    }

    /**
     * Whether {@code localpart} may be used for a new account: non-empty and only {@code a-z},
     * {@code 0-9}, {@code . _ = - / +} (appendices, "User Identifiers"). The 255-byte limit of
     * the full ID is checked separately, by constructing the {@link UserId}.
     */
    public static boolean isValidNewLocalpart(String localpart) {
        if (localpart == null || localpart.isEmpty()) {
            return false;
        }
        for (int i = 0; i < localpart.length(); i++) {
            char c = localpart.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '=' || c == '-' || c == '/' || c == '+';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether this ID is compliant in the appendix's sense: a non-empty localpart of characters
     * U+0021..U+007E only. Non-compliant IDs are accepted in events, but the spec says servers
     * SHOULD NOT forward them to clients outside an event context (e.g. device list updates).
     */
    public boolean isCompliant() {
        if (localpart.isEmpty()) {
            return false;
        }
        for (int i = 0; i < localpart.length(); i++) {
            char c = localpart.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** The wire form {@code @localpart:server}. */
    @Override
    public String toString() {
        return '@' + localpart + ':' + server;
    }
}
