package org.weft.core.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalpartMappingTest {

    /** The appendix's own examples ("#" becomes "=23", "á" becomes "=c3=a1"), and directory names. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "alice|alice",
            "Alice.Smith|alice.smith",
            "#|=23",
            "á|=c3=a1",
            "a=b|a=3db",
            "john doe|john=20doe",
            "CORP\\jdoe|corp=5cjdoe",
            "j_doe-1/x+y|j_doe-1/x+y",
            "  bob  |bob",
    })
    void mapsAsTheAppendixSuggests(String name, String localpart) {
        assertEquals(localpart, LocalpartMapping.map(name));
        assertTrue(UserId.isValidNewLocalpart(localpart));
    }

    @ParameterizedTest
    @CsvSource({"'   '", "''"})
    void nothingToMapGivesEmpty(String name) {
        assertEquals("", LocalpartMapping.map(name));
    }
}
