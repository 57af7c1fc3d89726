package org.weft.ejb.rooms;

import org.weft.core.error.MatrixException;

/**
 * Pagination tokens of /messages and /context: {@code s<stream position>}. Opaque to clients,
 * usable in both directions because a position sits between two events.
 */
public final class StreamToken {

    private StreamToken() {
    }

    public static String of(long position) {
        return "s" + position;
    }

    public static long parse(String token) {
        if (token == null || token.length() < 2 || token.charAt(0) != 's') {
            throw MatrixException.invalidParam("Invalid pagination token");
        }
        try {
            long position = Long.parseLong(token.substring(1));
            if (position < 0) {
                throw MatrixException.invalidParam("Invalid pagination token");
            }
            return position;
        } catch (NumberFormatException e) {
            throw MatrixException.invalidParam("Invalid pagination token");
        }
    }
}
