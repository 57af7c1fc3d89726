package org.weft.ejb.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.ejb.rooms.StreamToken;

/** /sync's since is its own next_batch, never a /messages token; a next_batch is also a /messages token. */
class SyncTokenTest {

    @Test
    void readsWhatItWrites() {
        SyncToken token = new SyncToken(42, 7);
        assertEquals(token, SyncToken.parse(token.toString()));
    }

    @Test
    void aNextBatchIsAlsoAPaginationTokenAtTheSamePosition() {
        assertEquals(42L, StreamToken.parse(new SyncToken(42, 7).toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s42", "s0", "", "s42_", "42_7", "s42_7_1", "s-1_0", "s99999999999999999999_0"})
    void aPaginationTokenOrGarbageIsNotASince(String token) {
        MatrixException e = assertThrows(MatrixException.class, () -> SyncToken.parse(token));
        assertEquals(ErrCode.M_INVALID_PARAM, e.errcode());
    }
}
