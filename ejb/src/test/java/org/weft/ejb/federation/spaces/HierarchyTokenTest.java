package org.weft.ejb.federation.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.weft.core.error.MatrixException;

class HierarchyTokenTest {

    @Test
    void aTokenGivesBackItsOffsetForTheSameWalk() {
        assertEquals(50, HierarchyToken.parse(HierarchyToken.make(50, true, 3), true, 3));
        assertEquals(0, HierarchyToken.parse(HierarchyToken.make(0, false, 10), false, 10));
    }

    @Test
    void anotherWalksParametersOrGarbageAre400InvalidParam() {
        String token = HierarchyToken.make(50, true, 3);
        for (Runnable bad : new Runnable[] {() -> HierarchyToken.parse(token, false, 3), () -> HierarchyToken.parse(token, true, 4),
                () -> HierarchyToken.parse("garbage", true, 3), () -> HierarchyToken.parse("h-1_1_3", true, 3),
                () -> HierarchyToken.parse("hx_1_3", true, 3), () -> HierarchyToken.parse("h5_1", true, 3)}) {
            MatrixException e = assertThrows(MatrixException.class, bad::run);
            assertEquals(400, e.status());
            assertEquals("M_INVALID_PARAM", e.errcode().name());
        }
    }
}
