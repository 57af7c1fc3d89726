package org.weft.ejb.rooms;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.weft.core.error.MatrixException;

/**
 * Pagination tokens of /messages, /context and /members?at: a stream position, written
 * {@code s<position>}. A position sits between two events, so one token serves both directions.
 *
 * <p>Client-server API, GET /rooms/{roomId}/messages, {@code from}: "This token can be obtained from
 * a prev_batch or next_batch token returned by the /sync endpoint, or from an end token returned by
 * a previous request to this endpoint." A /sync token is {@code s<position>_<ephemeral serial>}
 * ({@code org.weft.ejb.sync.SyncToken}): its leading part is the same stream position, and the
 * serial of typing and presence means nothing to room history, so it is read and ignored. History
 * fetched from other servers lies below position 0, so a /messages token may be negative.
 */
public final class StreamToken {

    private static final Pattern TOKEN = Pattern.compile("s(-?\\d{1,18})(?:_\\d{1,18})?");

    private StreamToken() {
    }

    public static String of(long position) {
        return "s" + position;
    }

    /** The stream position of a /messages, /context or /sync token; 400 M_INVALID_PARAM otherwise. */
    public static long parse(String token) {
        Matcher m = token == null ? null : TOKEN.matcher(token);
        if (m == null || !m.matches()) {
            throw MatrixException.invalidParam("Invalid pagination token");
        }
        return Long.parseLong(m.group(1)); // at most 18 digits: always fits a long
    }
}
