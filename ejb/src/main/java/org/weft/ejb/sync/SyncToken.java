package org.weft.ejb.sync;

import org.weft.core.error.MatrixException;

/**
 * A /sync position: the global stream position (events, receipts, account data) and the serial
 * of typing and presence changes ({@code typing}), written {@code s<stream>_<typing>}. The leading
 * {@code s<stream>} part is the form of a /messages token, and {@code StreamToken.parse} reads a
 * whole sync token too, so a client can paginate from a next_batch or prev_batch as the spec allows.
 * The reverse does not hold: a /messages token has no ephemeral serial, so it is not a
 * {@code since} of /sync (400 M_INVALID_PARAM) rather than a sync that resends every typing and
 * presence change it has no position for.
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
