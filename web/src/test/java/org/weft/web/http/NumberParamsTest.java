package org.weft.web.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;

/** What a query parameter's digits become: a value, a saturated value, or 400 M_INVALID_PARAM; never an overflow. */
class NumberParamsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0, 0",
            "42, 42",
            "-7, -7",
            "007, 7",
            "9223372036854775807, 9223372036854775807",
            "9223372036854775808, 9223372036854775807",
            "99999999999999999999, 9223372036854775807",
            "-99999999999999999999, -9223372036854775807"})
    void readsIntegersAndSaturatesPastALong(String value, long expected) {
        assertEquals(expected, NumberParams.optional(value, "limit"));
    }

    @Test
    void absentOrEmptyIsNull() {
        assertNull(NumberParams.optional(null, "limit"));
        assertNull(NumberParams.optional("", "limit"));
        assertNull(NumberParams.nonNegativeAtMost(null, "limit", 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "abc", "1e3", "1.5", "+5", " 5", "5 ", "0x10", "NaN", "Infinity", "١٢", "--1", "1-"})
    void anythingElseIsInvalidParamNamingTheParameter(String value) {
        MatrixException e = assertThrows(MatrixException.class, () -> NumberParams.optional(value, "timeout_ms"));
        assertEquals(ErrCode.M_INVALID_PARAM, e.errcode());
        assertEquals(400, e.status());
        assertEquals("timeout_ms must be an integer", e.getMessage());
    }

    @Test
    void negativesAreRefusedWhereTheyMeanNothing() {
        MatrixException e = assertThrows(MatrixException.class, () -> NumberParams.nonNegative("-1", "timeout"));
        assertEquals(ErrCode.M_INVALID_PARAM, e.errcode());
    }

    @Test
    void capsAtTheCallersMaximum() {
        assertEquals(1000, NumberParams.nonNegativeAtMost("99999999999999999999", "limit", 1000));
        assertEquals(5, NumberParams.nonNegativeAtMost("5", "limit", 1000));
    }
}
