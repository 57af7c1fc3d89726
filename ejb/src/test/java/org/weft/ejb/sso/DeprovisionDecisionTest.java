package org.weft.ejb.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every combination of directory answer, account state and configured action. */
class DeprovisionDecisionTest {

    @ParameterizedTest(name = "{0}, locked={1}, deactivated={2}, deactivate mode={3}: {4}")
    @CsvSource({
            "ENABLED,  false, false, false, NOTHING",
            "ENABLED,  true,  false, false, UNLOCK",
            "ENABLED,  true,  false, true,  UNLOCK",
            "ENABLED,  false, true,  false, NOTHING",
            "DISABLED, false, false, false, LOCK",
            "DISABLED, true,  false, false, NOTHING",
            "DISABLED, false, false, true,  DEACTIVATE",
            "DISABLED, true,  false, true,  DEACTIVATE",
            "DISABLED, false, true,  true,  NOTHING",
            "MISSING,  false, false, false, LOCK",
            "MISSING,  true,  false, false, NOTHING",
            "MISSING,  false, false, true,  DEACTIVATE",
            "MISSING,  false, true,  false, NOTHING",
    })
    void decides(LdapDirectory.Status status, boolean locked, boolean deactivated, boolean deactivateMode,
                 DeprovisionDecision expected) {
        assertEquals(expected, DeprovisionDecision.decide(status, locked, deactivated, deactivateMode));
    }
}
