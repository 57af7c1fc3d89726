package org.weft.ejb.federation.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingEdusTest {

    private final PendingEdus pending = new PendingEdus();

    private static Map<String, Object> edu(String type, Object value) {
        return Map.of("edu_type", type, "content", Map.of("v", value));
    }

    private static List<Object> values(List<PendingEdus.Pending> taken) {
        return taken.stream().map(p -> ((Map<?, ?>) p.edu().get("content")).get("v")).map(v -> (Object) v).toList();
    }

    @Test
    void aNewerEduOfAKeyReplacesTheUnsentOneAndGoesLast() {
        pending.put("b", "typing r1 @a", edu("m.typing", 1), 0);
        pending.put("b", "presence @a", edu("m.presence", 2), 0);
        pending.put("b", "typing r1 @a", edu("m.typing", 3), 0);
        assertEquals(List.of(2, 3), values(pending.take("b", 100, 10)));
        assertFalse(pending.hasPending("b"));
    }

    @Test
    void takesAtMostTheLimitOldestFirst() {
        for (int i = 0; i < 5; i++) {
            pending.put("b", "k" + i, edu("m.receipt", i), 0);
        }
        assertEquals(List.of(0, 1), values(pending.take("b", 2, 0)));
        assertTrue(pending.hasPending("b"));
        assertEquals(List.of(2, 3, 4), values(pending.take("b", 100, 0)));
        assertEquals(List.of(), pending.take("b", 0, 0));
    }

    @Test
    void typingOlderThanAMinuteIsDroppedUnsentOtherEdusAreNot() {
        pending.put("b", "typing", edu("m.typing", "old"), 0);
        pending.put("b", "presence", edu("m.presence", "old too"), 0);
        assertEquals(List.of("old too"), values(pending.take("b", 100, PendingEdus.TYPING_TTL_MS + 1)));
    }

    @Test
    void whatAFailedTransactionCarriedComesBackFirstUnlessSupersededMeanwhile() {
        pending.put("b", "k1", edu("m.receipt", "first"), 0);
        pending.put("b", "k2", edu("m.receipt", "second"), 0);
        List<PendingEdus.Pending> inFlight = pending.take("b", 100, 0);
        pending.put("b", "k2", edu("m.receipt", "newer second"), 1);
        pending.put("b", "k3", edu("m.receipt", "third"), 1);
        pending.putBack("b", inFlight);
        assertEquals(List.of("first", "newer second", "third"), values(pending.take("b", 100, 1)));
    }

    @Test
    void destinationsAreKeptApartAndDroppedOnTheirOwn() {
        pending.put("b", "k", edu("m.presence", "to b"), 0);
        pending.put("c", "k", edu("m.presence", "to c"), 0);
        assertEquals(List.of("b", "c"), pending.destinations().stream().sorted().toList());
        pending.drop("b");
        assertEquals(List.of("c"), pending.destinations());
        assertEquals(List.of("to c"), values(pending.take("c", 100, 0)));
        assertEquals(List.of(), pending.destinations(), "a destination with nothing waiting is not listed");
    }
}
