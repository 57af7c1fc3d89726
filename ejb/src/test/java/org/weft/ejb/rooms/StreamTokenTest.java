package org.weft.ejb.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;

/** Every token the spec lets a client pass to /messages' {@code from} and {@code to}, and what is refused. */
class StreamTokenTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "s0, 0",              // /messages start of an empty room
            "s42, 42",            // /messages start/end, /context start/end, /sync prev_batch
            "s42_7, 42",          // /sync next_batch: the ephemeral serial is ignored
            "s42_0, 42",
            "s-1, -1",            // /messages end in history fetched from other servers (below 0)
            "s-42, -42",
            "s999999999999999999, 999999999999999999",
            "s999999999999999999_999999999999999999, 999999999999999999"})
    void readsThePositionOfEveryTokenKind(String token, long position) {
        assertEquals(position, StreamToken.parse(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "42", "t42", "s-", "s--1", "s+1", "s42_", "s_7", "s42_7_1", "s42x", " s42",
            "s9999999999999999999", "s99999999999999999999999", "s42_99999999999999999999", "s١٢"})
    void refusesAnythingElseWithInvalidParam(String token) {
        MatrixException e = assertThrows(MatrixException.class, () -> StreamToken.parse(token));
        assertEquals(ErrCode.M_INVALID_PARAM, e.errcode());
        assertEquals(400, e.status());
    }

    @Test
    void refusesNull() {
        assertThrows(MatrixException.class, () -> StreamToken.parse(null));
    }

    @Test
    void writesWhatItReads() {
        assertEquals(1234L, StreamToken.parse(StreamToken.of(1234)));
    }
}
