package org.weft.ejb.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StreamPositionsTest {

    @Test
    void readersNeverSeePastAPositionStillInFlight() {
        StreamPositions positions = new StreamPositions(10);
        assertEquals(10, positions.completeUpTo());
        long a = positions.allocate();
        long b = positions.allocate();
        assertEquals(11, a);
        assertEquals(12, b);
        assertEquals(10, positions.completeUpTo(), "both in flight");
        positions.finish(b);
        assertEquals(10, positions.completeUpTo(), "12 committed, but 11 may still commit");
        positions.finish(a);
        assertEquals(12, positions.completeUpTo());
    }

    @Test
    void aRolledBackPositionIsSimplySkipped() {
        StreamPositions positions = new StreamPositions(0);
        long abandoned = positions.allocate();
        long kept = positions.allocate();
        positions.finish(kept);
        positions.finish(abandoned);
        assertEquals(kept, positions.completeUpTo());
    }
}
