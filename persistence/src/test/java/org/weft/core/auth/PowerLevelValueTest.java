package org.weft.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.weft.core.event.RoomVersion;
import org.weft.core.json.Json;

/**
 * Power level value formats per room version: rooms/fragments/v1-stringy-power-levels.md (v1-v9),
 * v1-floaty-power-levels.md (v1-v5), rooms/v10.md (integers only).
 */
class PowerLevelValueTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "100|100", "000100|100", "+100|100", "-100|-100", "' 100 '|100", "' 00100 '|100",
        "' +100 '|100", "' -100 '|-100", "'\t42\n'|42", "0|0", "-0|0"})
    void stringyLevelsBeforeV10(String text, long expected) {
        assertEquals(expected, PowerLevelValue.parse(text, RoomVersion.V9));
        assertEquals(expected, PowerLevelValue.parse(text, RoomVersion.V1));
        assertNull(PowerLevelValue.parse(text, RoomVersion.V10), "v10 accepts no strings");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "+", "-", "+-1", "--1", "1.5", "1e2", "1_000", "abc", "10a", "1 0",
        "0x10", "99999999999999999999999"})
    void malformedStringsAreInvalid(String text) {
        assertNull(PowerLevelValue.parse(text, RoomVersion.V9));
    }

    @Test
    void floatsAreTruncatedInV1ToV5() {
        assertEquals(51146L, PowerLevelValue.parse(new BigDecimal("5.114698E4"), RoomVersion.V1));
        assertEquals(50L, PowerLevelValue.parse(new BigDecimal("50.57"), RoomVersion.V5));
        assertEquals(-1L, PowerLevelValue.parse(new BigDecimal("-1.5"), RoomVersion.V3));
        assertEquals(0L, PowerLevelValue.parse(new BigDecimal("1e-999999999"), RoomVersion.V1));
        // Beyond binary64: rejected, like Infinity.
        assertNull(PowerLevelValue.parse(new BigDecimal("1e400"), RoomVersion.V1));
        // Within binary64 but not a 64-bit level.
        assertNull(PowerLevelValue.parse(new BigDecimal("1e300"), RoomVersion.V1));
    }

    @Test
    void floatsAreInvalidFromV6() {
        assertNull(PowerLevelValue.parse(new BigDecimal("50.57"), RoomVersion.V6));
        assertNull(PowerLevelValue.parse(new BigDecimal("50.0"), RoomVersion.V9));
        assertNull(PowerLevelValue.parse(new BigDecimal("50"), RoomVersion.V10));
    }

    @Test
    void integersAndOtherTypes() {
        assertEquals(50L, PowerLevelValue.parse(Json.parse("50"), RoomVersion.V11));
        assertEquals(-5L, PowerLevelValue.parse(Json.parse("-5"), RoomVersion.V10));
        assertNull(PowerLevelValue.parse(true, RoomVersion.V1));
        assertNull(PowerLevelValue.parse(null, RoomVersion.V1));
        assertNull(PowerLevelValue.parse(Json.parse("[1]"), RoomVersion.V1));
        assertNull(PowerLevelValue.parse(new BigInteger("99999999999999999999"), RoomVersion.V1));
        assertNull(PowerLevelValue.parse(new BigInteger("99999999999999999999"), RoomVersion.V10));
    }
}
