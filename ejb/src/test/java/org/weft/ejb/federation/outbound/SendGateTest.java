package org.weft.ejb.federation.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SendGateTest {

    private final SendGate gate = new SendGate();

    @Test
    void theFirstWakeUpMakesTheRunnerAndLaterOnesOnlyMarkIt() {
        assertTrue(gate.enter("a"));
        assertFalse(gate.enter("a"), "a runner is at work");
        assertTrue(gate.enter("b"), "destinations are independent");
        assertFalse(gate.leave("a"), "it was woken meanwhile: it looks again");
        assertTrue(gate.leave("a"), "nothing new: it stops");
        assertTrue(gate.enter("a"), "the next wake-up makes a new runner");
    }

    @Test
    void aRunnerThatFailedLeavesNoMarkBehind() {
        assertTrue(gate.enter("a"));
        gate.enter("a");
        gate.abandon("a");
        assertTrue(gate.enter("a"));
    }

    /**
     * Many wakers and whoever becomes the runner: every wake-up is followed by a look at the queue
     * (a runner's pass) that began after it, so nothing queued is left behind. Fails with the old
     * check-then-remove gate, which lost wake-ups as a runner stopped.
     */
    @Test
    void noWakeUpIsLostUnderContention() throws Exception {
        int wakers = 4;
        int wakesEach = 20_000;
        AtomicLong queued = new AtomicLong();
        AtomicLong seen = new AtomicLong();
        AtomicInteger passes = new AtomicInteger();
        AtomicInteger overlap = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(wakers);
        for (int w = 0; w < wakers; w++) {
            new Thread(() -> {
                for (int i = 0; i < wakesEach; i++) {
                    queued.incrementAndGet();
                    if (gate.enter("d")) {
                        do {
                            // a pass: takes everything queued so far; never two at once
                            if (passes.incrementAndGet() > 1) {
                                overlap.incrementAndGet();
                            }
                            seen.set(queued.get());
                            passes.decrementAndGet();
                        } while (!gate.leave("d"));
                    }
                }
                done.countDown();
            }).start();
        }
        assertTrue(done.await(60, TimeUnit.SECONDS));
        assertEquals(0, overlap.get(), "never two runners at once");
        assertEquals(queued.get(), seen.get(), "the last wake-up was looked after");
    }
}
