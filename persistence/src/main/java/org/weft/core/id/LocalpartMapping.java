package org.weft.core.id;

import java.nio.charset.StandardCharsets;

/**
 * Maps a name from another system (a directory's login name, an identity provider's
 * {@code preferred_username}) onto the characters a localpart may have, with the algorithm the
 * spec suggests (appendices, "Mapping from other character sets"): UTF-8, {@code A-Z} lower-cased,
 * every other byte outside the allowed set (and {@code =} itself) written as {@code =xx}.
 *
 * <p>Lower-casing is deliberate and not reversible: corporate directories compare login names
 * without regard to case, so {@code Alice} and {@code alice} are one person and one Matrix user.
 */
public final class LocalpartMapping {

    private LocalpartMapping() {
    }

    /** The localpart for {@code name}; an empty result means the name had nothing to map. */
    public static String map(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.strip().getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z') {
                out.append((char) (c + ('a' - 'A')));
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == '/' || c == '+') {
                out.append((char) c);
            } else {
                out.append('=').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        return out.toString();
    }
}
