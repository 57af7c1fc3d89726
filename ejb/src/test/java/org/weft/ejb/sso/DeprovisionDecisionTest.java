package org.weft.ejb.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every combination of directory answer, account state and configured action; the safety limit. */
class DeprovisionDecisionTest {

    @ParameterizedTest(name = "{0}, locked by {1}, deactivated={2}, deactivate mode={3}: {4}")
    @CsvSource(nullValues = "-", value = {
            "ENABLED,   -,         false, false, NOTHING",
            "ENABLED,   directory, false, false, UNLOCK",
            "ENABLED,   directory, false, true,  UNLOCK",
            "ENABLED,   admin,     false, false, NOTHING",
            "ENABLED,   -,         true,  false, NOTHING",
            "DISABLED,  -,         false, false, LOCK",
            "DISABLED,  directory, false, false, NOTHING",
            "DISABLED,  admin,     false, false, NOTHING",
            "DISABLED,  -,         false, true,  DEACTIVATE",
            "DISABLED,  directory, false, true,  DEACTIVATE",
            "DISABLED,  -,         true,  true,  NOTHING",
            "MISSING,   -,         false, false, LOCK",
            "MISSING,   directory, false, false, NOTHING",
            "MISSING,   -,         false, true,  DEACTIVATE",
            "MISSING,   -,         true,  false, NOTHING",
            "AMBIGUOUS, -,         false, false, NOTHING",
            "AMBIGUOUS, -,         false, true,  NOTHING",
            "AMBIGUOUS, directory, false, false, NOTHING",
    })
    void decides(LdapDirectory.Status status, String lockedBy, boolean deactivated, boolean deactivateMode,
                 DeprovisionDecision expected) {
        assertEquals(expected, DeprovisionDecision.decide(status, lockedBy, deactivated, deactivateMode));
    }

    @Test
    void aFewLeaversAreAlwaysAllowed() {
        assertFalse(DeprovisionDecision.looksLikeAMistake(5, 6, 25));
        assertFalse(DeprovisionDecision.looksLikeAMistake(1, 1, 0));
    }

    @Test
    void manyAtOnceBeyondTheShareIsAMistake() {
        assertTrue(DeprovisionDecision.looksLikeAMistake(6, 20, 25));
        assertFalse(DeprovisionDecision.looksLikeAMistake(6, 24, 25));
        assertTrue(DeprovisionDecision.looksLikeAMistake(1000, 1000, 25));
        assertFalse(DeprovisionDecision.looksLikeAMistake(1000, 1000, 100));
    }
}
