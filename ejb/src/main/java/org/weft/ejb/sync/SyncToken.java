package org.weft.ejb.sync;

import org.weft.core.error.MatrixException;

/**
 * A /sync position: the global stream position (events, receipts, account data) and the serial
 * of typing and presence changes ({@code typing}), written {@code s<stream>_<typing>}. The leading {@code s<stream>} part is also a valid
 * /messages token, so a client that paginates from a next_batch gets what it expects.
 */
public record SyncToken(long stream, long typing) {

    public static SyncToken parse(String token) {
        if (token == null || !token.matches("s\\d{1,18}_\\d{1,18}")) {
            throw MatrixException.invalidParam("Invalid since token");
        }
        int underscore = token.indexOf('_');
        return new SyncToken(Long.parseLong(token.substring(1, underscore)), Long.parseLong(token.substring(underscore + 1)));
    }

    @Override
    public String toString() {
        return "s" + stream + "_" + typing;
    }
}
