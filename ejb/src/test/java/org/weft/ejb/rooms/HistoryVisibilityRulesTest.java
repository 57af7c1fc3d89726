package org.weft.ejb.rooms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The spec's visibility rules for one event ("Room History Visibility"), row by row. */
class HistoryVisibilityRulesTest {

    @ParameterizedTest(name = "{0}, {1} then, {2} now: {3}")
    @CsvSource(nullValues = "none", value = {
        "world_readable, none,   none,   true",
        "shared,         join,   leave,  true",
        "shared,         none,   join,   true",
        "shared,         none,   leave,  false",
        "shared,         invite, invite, false",
        "invited,        invite, leave,  true",
        "invited,        none,   join,   false",
        "joined,         join,   leave,  true",
        "joined,         invite, join,   false",
        "joined,         none,   join,   false",
    })
    void eachRule(String visibility, String membershipThen, String membershipNow, boolean visible) {
        assertEquals(visible, RoomAccess.allows(visibility, membershipThen, membershipNow));
    }
}
