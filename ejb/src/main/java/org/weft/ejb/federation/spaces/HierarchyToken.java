package org.weft.ejb.federation.spaces;

import org.weft.core.error.MatrixException;

/**
 * The {@code next_batch} of a hierarchy walk: how far the pages went, and the walk's
 * {@code suggested_only} and {@code max_depth}, which "cannot be changed from the first request".
 */
final class HierarchyToken {

    private HierarchyToken() {
    }

    static String make(int offset, boolean suggestedOnly, int maxDepth) {
        return "h" + offset + "_" + (suggestedOnly ? 1 : 0) + "_" + maxDepth;
    }

    /**
     * @return the offset the token stands for
     * @throws MatrixException 400 M_INVALID_PARAM for a token that is not one, or of a walk with other parameters
     */
    static int parse(String token, boolean suggestedOnly, int maxDepth) {
        String[] parts = token.startsWith("h") ? token.substring(1).split("_", -1) : new String[0];
        try {
            if (parts.length == 3) {
                int offset = Integer.parseInt(parts[0]);
                if (offset >= 0 && parts[1].equals(suggestedOnly ? "1" : "0") && Integer.parseInt(parts[2]) == maxDepth) {
                    return offset;
                }
                if (offset >= 0) {
                    throw MatrixException.invalidParam("suggested_only and max_depth cannot change on paginated requests");
                }
            }
        } catch (NumberFormatException e) {
            // not a token of ours
        }
        throw MatrixException.invalidParam("Unknown from token");
    }
}
