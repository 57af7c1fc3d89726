package org.weft.ejb.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsTheBurstThenRefusesWithTheWaitUntilTheNextToken() {
        TokenBucket bucket = new TokenBucket(3, 0);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, bucket.tryTake(0.5, 3, 0));
        }
        assertEquals(2000, bucket.tryTake(0.5, 3, 0), "one token every 2 s");
        assertEquals(1000, bucket.tryTake(0.5, 3, SECOND));
        assertEquals(0, bucket.tryTake(0.5, 3, 2 * SECOND), "refilled after 2 s");
    }

    @Test
    void refillNeverExceedsTheBurst() {
        TokenBucket bucket = new TokenBucket(2, 0);
        bucket.tryTake(1, 2, 0);
        assertTrue(bucket.isFull(1, 2, 100 * SECOND));
        assertEquals(0, bucket.tryTake(1, 2, 100 * SECOND));
        assertEquals(0, bucket.tryTake(1, 2, 100 * SECOND));
        assertTrue(bucket.tryTake(1, 2, 100 * SECOND) > 0);
        assertFalse(bucket.isFull(1, 2, 100 * SECOND));
    }
}
