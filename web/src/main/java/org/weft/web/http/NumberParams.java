package org.weft.web.http;

import org.weft.core.error.MatrixException;

/**
 * The one reading of integers a client puts in a query string (limit, timeout, timeout_ms, width,
 * height, ts, ...). Anything that is not an integer is 400 M_INVALID_PARAM naming the parameter,
 * never a 404 from the container's own conversion or a 500 from an overflow ("API standards": a
 * client mistake gets a client error). Integers too large for a long saturate: a timeout or limit of
 * twenty digits means "as much as allowed", and every caller clamps to its own range anyway.
 */
public final class NumberParams {

    private NumberParams() {
    }

    /** The parameter's value, or null when it is absent or empty. */
    public static Long optional(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        int i = value.charAt(0) == '-' ? 1 : 0;
        if (i == value.length()) {
            throw notAnInteger(name);
        }
        long magnitude = 0;
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw notAnInteger(name);
            }
            magnitude = magnitude > (Long.MAX_VALUE - (c - '0')) / 10 ? Long.MAX_VALUE : magnitude * 10 + (c - '0');
        }
        return value.charAt(0) == '-' ? -magnitude : magnitude;
    }

    /** The parameter's value, or null when absent; 400 M_INVALID_PARAM when negative. */
    public static Long nonNegative(String value, String name) {
        Long parsed = optional(value, name);
        if (parsed != null && parsed < 0) {
            throw MatrixException.invalidParam(name + " must not be negative");
        }
        return parsed;
    }

    /** A non-negative value capped at {@code max}, or null when absent. */
    public static Integer nonNegativeAtMost(String value, String name, int max) {
        Long parsed = nonNegative(value, name);
        return parsed == null ? null : (int) Math.min(parsed, max);
    }

    private static MatrixException notAnInteger(String name) {
        return MatrixException.invalidParam(name + " must be an integer");
    }
}
