package org.weft.web.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 single byte ranges against a 1000-byte file: what is served, what is 416, what is ignored. */
class ByteRangeTest {

    private static final long SIZE = 1000;

    @ParameterizedTest(name = "{0} -> {1}-{2}")
    @CsvSource({
            "bytes=0-, 0, 999",
            "bytes=0-0, 0, 0",
            "bytes=10-19, 10, 19",
            "bytes=990-, 990, 999",
            "bytes=990-5000, 990, 999",
            "bytes=0-99999999999999999999, 0, 999",
            "bytes=-10, 990, 999",
            "bytes=-5000, 0, 999",
            "bytes=-99999999999999999999, 0, 999",
            "' bytes=5-6 ', 5, 6"})
    void servesSatisfiableRanges(String header, long start, long end) {
        ByteRange range = ByteRange.of(header, SIZE);
        assertEquals(new ByteRange(start, end), range);
        assertEquals(end - start + 1, range.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=99999999999999999999-", "bytes=99999999999999999999-99999999999999999999",
            "bytes=20-10", "bytes=-0", "bytes=9223372036854775807-"})
    void refusesUnsatisfiableRanges(String header) {
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.of(header, SIZE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bytes=", "bytes=-", "bytes=0-1,5-6", "items=0-5", "bytes=a-b", "bytes=-5-",
            "bytes=1.5-2", "bytes=+1-2"})
    void ignoresWhatItDoesNotServe(String header) {
        assertNull(ByteRange.of(header, SIZE));
    }

    @Test
    void anEmptyFileHasNoRange() {
        assertNull(ByteRange.of(null, 0));
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.of("bytes=0-", 0));
        assertSame(ByteRange.UNSATISFIABLE, ByteRange.of("bytes=-5", 0));
    }
}
