package org.weft.core.id;

/**
 * Rules shared by the sigil identifiers (appendices, "Identifier Grammar", "Common Identifier
 * Format"): the historical localpart character set that user IDs, room IDs and room aliases
 * inherit, and the 255-byte length limit, which the spec counts in UTF-8 bytes of the whole
 * identifier including sigil and domain.
 */
final class IdGrammar {

    /** Longest identifier in UTF-8 bytes, sigil and domain included. */
    static final int MAX_ID_BYTES = 255;

    private IdGrammar() {
    }

    /**
     * Checks the "opaque" characters the appendix allows in localparts it does not constrain
     * further: any non-surrogate code point except {@code :} and NUL. A surrogate pair is one
     * supplementary code point and is fine; a lone surrogate is not a code point at all.
     *
     * @param what the identifier kind, for the message
     */
    static void checkOpaque(String what, String value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == ':') {
                throw new IllegalArgumentException(what + " must not contain ':'");
            }
            if (c == 0) {
                throw new IllegalArgumentException(what + " must not contain NUL");
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " contains an unpaired surrogate");
            }
        }
    }

    /** UTF-8 length computed without encoding, so validating allocates nothing. */
    static int utf8Length(String s) {
        int n = s.length();
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Length of {@code sigil + opaque [+ ":" + server]} in UTF-8 bytes, checked against 255. */
    static void checkLength(String what, String opaque, ServerName server) {
        int length = 1 + utf8Length(opaque);
        if (server != null) {
            // Server names are ASCII by grammar, so chars equal bytes.
            length += 1 + server.toString().length();
        }
        if (length > MAX_ID_BYTES) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_ID_BYTES
                    + " bytes (" + length + ")");
        }
    }

    /** Fails unless {@code id} starts with {@code sigil}; null-safe. */
    static void checkSigil(String what, String id, char sigil) {
        if (id == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (id.isEmpty() || id.charAt(0) != sigil) {
            throw new IllegalArgumentException(what + " must start with '" + sigil + "': " + quote(id));
        }
    }

    /** The identifier for messages, clipped so that a hostile 1 MB value does not flood logs. */
    static String quote(String id) {
        return id.length() <= 80 ? '"' + id + '"' : '"' + id.substring(0, 80) + "...\"";
    }
}
