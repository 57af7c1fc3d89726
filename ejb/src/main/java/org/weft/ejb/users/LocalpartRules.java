package org.weft.ejb.users;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.core.id.UserId;

/**
 * What a newly registered localpart may be (appendices, "User Identifiers"; client-server API,
 * POST /register): the strict grammar {@code a-z 0-9 . _ = - / +}, a full user ID within 255
 * bytes, no all-digit names (kept for generated IDs), and nothing in an exclusive namespace.
 */
public final class LocalpartRules {

    private LocalpartRules() {
    }

    /**
     * Maps the requested username onto a localpart: user IDs are case-insensitive in practice,
     * so upper case is folded (the spec lets the server map the username "in a logical manner").
     *
     * @return the validated user ID
     */
    public static UserId newUserId(String username, ServerName server, Optional<Pattern> exclusive) {
        String localpart = username.toLowerCase(Locale.ROOT);
        if (!UserId.isValidNewLocalpart(localpart)) {
            throw new MatrixException(ErrCode.M_INVALID_USERNAME,
                    "User ID may only contain the characters a-z, 0-9, '.', '_', '=', '-', '/' and '+'");
        }
        if (localpart.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MatrixException(ErrCode.M_INVALID_USERNAME, "Numeric user IDs are reserved");
        }
        UserId userId;
        try {
            userId = UserId.of(localpart, server);
        } catch (IllegalArgumentException e) {
            throw new MatrixException(ErrCode.M_INVALID_USERNAME, "User ID is too long");
        }
        if (exclusive.isPresent() && exclusive.get().matcher(localpart).matches()) {
            throw new MatrixException(ErrCode.M_EXCLUSIVE, "This user ID is reserved by an application service");
        }
        return userId;
    }
}
