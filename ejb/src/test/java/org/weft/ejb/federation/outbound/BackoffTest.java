package org.weft.ejb.federation.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theWaitStartsAtTheInitialDelayAndDoublesPerFailure() {
        assertEquals(5_000, Backoff.delay(1, 5_000, 3_600_000));
        assertEquals(10_000, Backoff.delay(2, 5_000, 3_600_000));
        assertEquals(20_000, Backoff.delay(3, 5_000, 3_600_000));
        assertEquals(2_560_000, Backoff.delay(10, 5_000, 3_600_000));
    }

    @Test
    void theWaitNeverExceedsTheMaximumEvenAfterVeryManyFailures() {
        assertEquals(3_600_000, Backoff.delay(11, 5_000, 3_600_000));
        assertEquals(3_600_000, Backoff.delay(64, 5_000, 3_600_000));
        assertEquals(3_600_000, Backoff.delay(Integer.MAX_VALUE, 5_000, 3_600_000));
    }

    @Test
    void noFailureMeansNoWait() {
        assertEquals(0, Backoff.delay(0, 5_000, 3_600_000));
    }
}
