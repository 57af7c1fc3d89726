package org.weft.web.media;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range of a {@code Range} request header (RFC 9110, section 14.1.2), resolved against
 * the representation's size. Positions of any length are accepted: a number past a long is simply
 * past the end of every file (so {@code bytes=99999999999999999999-} is unsatisfiable, 416, not an
 * overflow). Forms Weft does not serve as ranges (several ranges, other units, malformed values) are
 * ignored and the whole file is sent, as RFC 9110 allows.
 *
 * @param start first byte, inclusive
 * @param end   last byte, inclusive
 */
record ByteRange(long start, long end) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    /** Marks a range no byte of the file satisfies: the answer is 416 with {@code Content-Range: bytes * /size}. */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    /** The range to serve of a file of {@code size} bytes, {@link #UNSATISFIABLE}, or null to send the whole file. */
    static ByteRange of(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        if (m.group(1).isEmpty()) {
            // bytes=-N: the last N bytes (all of them when the file is shorter); N = 0 selects nothing.
            long suffix = saturated(m.group(2));
            return suffix == 0 || size == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        long start = saturated(m.group(1));
        long end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, saturated(m.group(2)));
        if (start >= size || start > end) {
            return UNSATISFIABLE;
        }
        return new ByteRange(start, end);
    }

    long length() {
        return end - start + 1;
    }

    /** ASCII digits as a long, Long.MAX_VALUE when they are more than a long holds. */
    private static long saturated(String digits) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - d) / 10) {
                return Long.MAX_VALUE;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
