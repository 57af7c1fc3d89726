package org.weft.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unpadded Base64 (appendices, "Unpadded Base64", "URL-safe unpadded Base64"). */
class UnpaddedBase64Test {

    /** Every example of the appendix. */
    @ParameterizedTest
    @CsvSource(value = {"'',''", "f,Zg", "fo,Zm8", "foo,Zm9v", "foob,Zm9vYg", "fooba,Zm9vYmE",
            "foobar,Zm9vYmFy"})
    void appendixExamples(String plain, String encoded) {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);
        assertEquals(encoded, UnpaddedBase64.encode(bytes));
        assertArrayEquals(bytes, UnpaddedBase64.decode(encoded));
    }

    @Test
    void paddedAndUnpaddedBothDecode() {
        assertArrayEquals(UnpaddedBase64.decode("Zg"), UnpaddedBase64.decode("Zg=="));
        assertArrayEquals(UnpaddedBase64.decode("Zm8"), UnpaddedBase64.decode("Zm8="));
        assertArrayEquals(UnpaddedBase64.decodeUrlSafe("-_8"), UnpaddedBase64.decodeUrlSafe("-_8="));
        assertArrayEquals(new byte[] {(byte) 0xFB, (byte) 0xFF}, UnpaddedBase64.decodeUrlSafe("-_8="));
    }

    @Test
    void alphabetsDifferOnlyInTheLastTwoCharacters() {
        byte[] bytes = {(byte) 0xFB, (byte) 0xEF, (byte) 0xFF};
        assertEquals("++//", UnpaddedBase64.encode(bytes));
        assertEquals("--__", UnpaddedBase64.encodeUrlSafe(bytes));
        assertArrayEquals(bytes, UnpaddedBase64.decode("++//"));
        assertArrayEquals(bytes, UnpaddedBase64.decodeUrlSafe("--__"));
    }

    @Test
    void eachDecoderRejectsTheOtherAlphabet() {
        assertThrows(IllegalArgumentException.class, () -> UnpaddedBase64.decode("--__"));
        assertThrows(IllegalArgumentException.class, () -> UnpaddedBase64.decodeUrlSafe("++//"));
    }

    /** The appendix's seed ends in "1", which leaves non-zero unused bits; it must still decode. */
    @Test
    void trailingBitsAreIgnored() {
        assertArrayEquals(UnpaddedBase64.decode("YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA0"),
                UnpaddedBase64.decode("YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1"));
        assertEquals(32, UnpaddedBase64.decode("YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1").length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Z", "Zg=", "Zm9v=", "Zm9v==", "Zm 9v", "Zm9v\n", "Z=g=", "é"})
    void malformedInputIsRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> UnpaddedBase64.decode(text));
        assertThrows(IllegalArgumentException.class, () -> UnpaddedBase64.decodeUrlSafe(text));
    }

    @Test
    void nullIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> UnpaddedBase64.decode(null));
    }
}
