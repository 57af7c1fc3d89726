package org.weft.ejb.uia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UiaFlowsTest {

    private final UiaFlows flows = new UiaFlows("x", List.of(List.of("a", "b"), List.of("a", "c"), List.of("d")), null);

    @Test
    void stagesMustFollowAFlowInOrder() {
        assertTrue(flows.allowsNext(List.of(), "a"));
        assertTrue(flows.allowsNext(List.of(), "d"));
        assertFalse(flows.allowsNext(List.of(), "b"));
        assertTrue(flows.allowsNext(List.of("a"), "c"));
        assertFalse(flows.allowsNext(List.of("a", "b"), "c"));
    }

    @Test
    void aFlowIsCompleteOnlyWithAllItsStages() {
        assertFalse(flows.isComplete(List.of("a")));
        assertTrue(flows.isComplete(List.of("a", "c")));
        assertTrue(flows.isComplete(List.of("d")));
    }

    @Test
    void sessionsSurviveTheirJsonForm() {
        UiaSession session = new UiaSession("id1", "register", null, List.of("m.login.dummy"), "tok");
        assertEquals(session, UiaSession.fromJson(session.toJson()));
        UiaSession bound = new UiaSession("id2", "delete_devices", "@a:b", List.of(), null);
        assertEquals(bound, UiaSession.fromJson(bound.toJson()));
    }
}
