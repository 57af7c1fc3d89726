package org.weft.core.auth;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.weft.core.event.RoomVersion;

/**
 * Reads one power level value of an {@code m.room.power_levels} event as its room version
 * allows.
 *
 * <ul>
 *   <li>Room versions 1-9 accept integers encoded as strings (rooms/v1..v9, "m.room.power_levels
 *       events accept values as strings"): a base 10 integer with optional leading zeroes, an
 *       optional single {@code -} or {@code +}, and any leading or trailing whitespace.</li>
 *   <li>Room versions 1-5 do not enforce Canonical JSON and accept floats (rooms/v1..v5,
 *       "m.room.power_levels events accept values as floats"): exponential notation is applied,
 *       then the value is truncated at the decimal point; values beyond the binary64 range are
 *       invalid.</li>
 *   <li>From room version 10 ({@link RoomVersion#integerPowerLevels()}) only JSON integers are
 *       valid (rooms/v10, "Values in m.room.power_levels events must be integers").</li>
 * </ul>
 *
 * <p>Levels are held as {@code long}. Canonical JSON (v6+) bounds integers to +-(2^53 - 1); a
 * value of an older room that does not fit a {@code long} (a huge integer, or a float such as
 * {@code 1e300} that truncates to one) is treated as invalid, as Synapse's and
 * gomatrixserverlib's 64-bit levels do in practice.
 */
final class PowerLevelValue {

    private static final BigDecimal MAX_DOUBLE = new BigDecimal(Double.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private PowerLevelValue() {
    }

    /**
     * The value as a level, or null when the room version does not accept it as one.
     *
     * @param raw a value from Json.parse: Long, BigInteger, BigDecimal, String, Boolean, ...
     */
    static Long parse(Object raw, RoomVersion version) {
        if (raw instanceof Long l) {
            return l;
        }
        if (raw instanceof Integer i) {
            // Not produced by Json.parse, but harmless to accept from hand-built maps.
            return i.longValue();
        }
        if (version.integerPowerLevels()) {
            // v10+: "power levels MUST NOT be represented as strings"; floats are not
            // Canonical JSON either. BigInteger is outside the Canonical JSON range.
            return null;
        }
        if (raw instanceof BigInteger big) {
            return fitsLong(big) ? big.longValue() : null;
        }
        if (raw instanceof String s) {
            return parseString(s);
        }
        if (raw instanceof BigDecimal decimal && !version.strictCanonicalJson()) {
            return parseFloat(decimal);
        }
        // Booleans, objects, lists, null, and floats in v6-v9 (Canonical JSON forbids them).
        return null;
    }

    /** Whether {@code raw} is an integer the version accepts as a level (strings included pre-v10). */
    static boolean isValid(Object raw, RoomVersion version) {
        return parse(raw, version) != null;
    }

    /**
     * The string format of the "stringy power levels" fragment: whitespace, one optional sign,
     * ASCII digits (leading zeroes allowed), whitespace. Nothing else: no decimal point, no
     * underscores, no second sign.
     */
    private static Long parseString(String text) {
        String s = text.strip();
        int start = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            start = 1;
        }
        if (start == s.length()) {
            return null;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        BigInteger value = new BigInteger(s.substring(start));
        if (negative) {
            value = value.negate();
        }
        return fitsLong(value) ? value.longValue() : null;
    }

    /**
     * The "floaty power levels" fragment: apply the exponent, then truncate at the decimal point
     * ({@code 5.114698E4} -> {@code 51146.98} -> {@code 51146}; truncation is toward zero, so
     * {@code -1.5} -> {@code -1}). Values beyond the binary64 range are rejected.
     */
    private static Long parseFloat(BigDecimal decimal) {
        if (decimal.abs().compareTo(MAX_DOUBLE) > 0) {
            return null;
        }
        if (decimal.abs().compareTo(BigDecimal.ONE) < 0) {
            // Checked first so that a tiny value like 1e-999999999 is not expanded digit by digit.
            return 0L;
        }
        BigInteger truncated = decimal.toBigInteger();
        return fitsLong(truncated) ? truncated.longValue() : null;
    }

    private static boolean fitsLong(BigInteger value) {
        return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0;
    }
}
