package org.weft.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, single-pass RFC 8259 parser over a {@link String}, behind {@link Json#parse(String)}.
 * Matrix signs and hashes JSON (appendices, "Signing JSON"), so anything two implementations
 * could read differently is refused rather than guessed at: duplicate keys (RFC 8259 section 4
 * leaves their meaning open), unpaired surrogates (not encodable as UTF-8, so they could never
 * become canonical JSON), non-RFC whitespace, leading zeros, NaN and Infinity.
 *
 * <p>Nesting is limited to {@link #MAX_DEPTH} so that a hostile body cannot exhaust the stack:
 * the recursion depth is bounded by the same counter.
 *
 * <p>One instance parses one text; it is not thread-safe and not reused.
 */
final class JsonParser {

    /** Deepest allowed nesting of objects and arrays; the outermost container is level 1. */
    static final int MAX_DEPTH = 128;

    /** Longest accepted number literal; far beyond any meaningful value. */
    static final int MAX_NUMBER_LENGTH = 1000;

    private final String text;
    private final int length;
    private int pos;

    private JsonParser(String text) {
        this.text = text;
        this.length = text.length();
    }

    /** Parses one complete JSON text; anything but whitespace after the value is an error. */
    static Object parse(String text) {
        if (text == null) {
            throw new JsonSyntaxException("No input");
        }
        JsonParser parser = new JsonParser(text);
        parser.skipWhitespace();
        Object value = parser.readValue(0);
        parser.skipWhitespace();
        if (parser.pos < parser.length) {
            throw new JsonSyntaxException("Unexpected trailing content", parser.pos);
        }
        return value;
    }

    private void skipWhitespace() {
        // RFC 8259 section 2: only these four; in particular no BOM, NBSP or form feed.
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else {
                return;
            }
        }
    }

    private Object readValue(int depth) {
        if (pos >= length) {
            throw new JsonSyntaxException("Unexpected end of input", pos);
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return readObject(depth + 1);
            case '[':
                return readArray(depth + 1);
            case '"':
                return readString();
            case 't':
                expectLiteral("true");
                return Boolean.TRUE;
            case 'f':
                expectLiteral("false");
                return Boolean.FALSE;
            case 'n':
                expectLiteral("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw unexpected();
        }
    }

    private Map<String, Object> readObject(int depth) {
        checkDepth(depth);
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (pos < length && text.charAt(pos) == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (pos >= length || text.charAt(pos) != '"') {
                throw pos >= length ? endOfInput() : new JsonSyntaxException("Expected object key", pos);
            }
            int keyStart = pos;
            String key = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = readValue(depth);
            int before = map.size();
            map.put(key, value);
            // Size unchanged means the key was already there; this costs one hash lookup
            // instead of containsKey + put, and also catches a repeated key whose value was null.
            if (map.size() == before) {
                throw new JsonSyntaxException("Duplicate key \"" + key + "\"", keyStart);
            }
            skipWhitespace();
            if (pos >= length) {
                throw endOfInput();
            }
            char c = text.charAt(pos++);
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw new JsonSyntaxException("Expected ',' or '}'", pos);
            }
        }
    }

    private List<Object> readArray(int depth) {
        checkDepth(depth);
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (pos < length && text.charAt(pos) == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(readValue(depth));
            skipWhitespace();
            if (pos >= length) {
                throw endOfInput();
            }
            char c = text.charAt(pos++);
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                pos--;
                throw new JsonSyntaxException("Expected ',' or ']'", pos);
            }
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new JsonSyntaxException("Nesting deeper than " + MAX_DEPTH + " levels", pos);
        }
    }

    /**
     * Reads a string starting at its opening quote. The common case (no escapes) is a single
     * scan and one substring; a StringBuilder is only created once a backslash shows up.
     */
    private String readString() {
        int start = ++pos; // after the opening quote
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
                break;
            }
            pos++;
        }
        StringBuilder sb = new StringBuilder((pos - start) + 16);
        sb.append(text, start, pos);
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c == '\\') {
                readEscape(sb);
            } else if (c < 0x20) {
                throw new JsonSyntaxException("Unescaped control character in string", pos);
            } else if (Character.isHighSurrogate(c)) {
                // A raw pair is a valid supplementary character; a lone half is not Unicode text.
                if (pos + 1 < length && Character.isLowSurrogate(text.charAt(pos + 1))) {
                    sb.append(c).append(text.charAt(pos + 1));
                    pos += 2;
                } else {
                    throw new JsonSyntaxException("Unpaired surrogate in string", pos);
                }
            } else if (Character.isLowSurrogate(c)) {
                throw new JsonSyntaxException("Unpaired surrogate in string", pos);
            } else {
                sb.append(c);
                pos++;
            }
        }
        throw new JsonSyntaxException("Unterminated string", start - 1);
    }

    private void readEscape(StringBuilder sb) {
        int escapeStart = pos;
        pos++; // backslash
        if (pos >= length) {
            throw endOfInput();
        }
        char c = text.charAt(pos++);
        switch (c) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> readUnicodeEscape(sb, escapeStart);
            default -> throw new JsonSyntaxException("Invalid escape sequence", escapeStart);
        }
    }

    private void readUnicodeEscape(StringBuilder sb, int escapeStart) {
        char unit = readHex4(escapeStart);
        if (Character.isHighSurrogate(unit)) {
            // Only a directly following escape of a low surrogate completes the pair.
            if (pos + 1 < length && text.charAt(pos) == '\\' && text.charAt(pos + 1) == 'u') {
                int lowStart = pos;
                pos += 2;
                char low = readHex4(lowStart);
                if (Character.isLowSurrogate(low)) {
                    sb.append(unit).append(low);
                    return;
                }
            }
            throw new JsonSyntaxException("Unpaired surrogate escape", escapeStart);
        }
        if (Character.isLowSurrogate(unit)) {
            throw new JsonSyntaxException("Unpaired surrogate escape", escapeStart);
        }
        sb.append(unit);
    }

    private char readHex4(int escapeStart) {
        if (pos + 4 > length) {
            throw new JsonSyntaxException("Invalid \\u escape", escapeStart);
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            // Character.digit also accepts non-ASCII digits (e.g. fullwidth); RFC 8259 does not.
            if (digit < 0 || text.charAt(pos + i) > 'f') {
                throw new JsonSyntaxException("Invalid \\u escape", escapeStart);
            }
            value = (value << 4) | digit;
        }
        pos += 4;
        return (char) value;
    }

    /**
     * RFC 8259 section 6: {@code [ minus ] int [ frac ] [ exp ]}. Integers become Long (or
     * BigInteger when they do not fit) so that canonical JSON can check the exact value; anything
     * with a fraction or exponent becomes BigDecimal, never double, so nothing is rounded.
     */
    private Object readNumber() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        int intStart = pos;
        if (pos >= length) {
            throw endOfInput();
        }
        char first = text.charAt(pos);
        if (first == '0') {
            pos++;
            if (pos < length && isDigit(text.charAt(pos))) {
                throw new JsonSyntaxException("Leading zero in number", start);
            }
        } else if (first >= '1' && first <= '9') {
            skipDigits();
        } else {
            throw new JsonSyntaxException("Invalid number", start);
        }
        int intDigits = pos - intStart;
        boolean integral = true;
        if (pos < length && text.charAt(pos) == '.') {
            integral = false;
            pos++;
            requireDigit(start);
            skipDigits();
        }
        if (pos < length && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < length && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            requireDigit(start);
            skipDigits();
        }
        if (pos - start > MAX_NUMBER_LENGTH) {
            // RFC 8259 section 9 lets parsers limit number range; BigInteger/BigDecimal parsing
            // is superlinear, so a megabyte of digits would otherwise be a cheap CPU attack.
            throw new JsonSyntaxException("Number too long", start);
        }
        String literal = text.substring(start, pos);
        if (integral) {
            // 18 digits always fit in a long; 19 may; more never do.
            if (intDigits <= 18) {
                return Long.parseLong(literal);
            }
            if (intDigits == 19) {
                try {
                    return Long.parseLong(literal);
                } catch (NumberFormatException overflow) {
                    return new BigInteger(literal);
                }
            }
            return new BigInteger(literal);
        }
        try {
            return new BigDecimal(literal);
        } catch (NumberFormatException | ArithmeticException e) {
            // Only an exponent beyond the int range gets here (e.g. 1e9999999999).
            throw new JsonSyntaxException("Number out of range", start);
        }
    }

    private void requireDigit(int numberStart) {
        if (pos >= length || !isDigit(text.charAt(pos))) {
            throw new JsonSyntaxException("Invalid number", numberStart);
        }
    }

    private void skipDigits() {
        while (pos < length && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void expectLiteral(String literal) {
        if (!text.startsWith(literal, pos)) {
            throw unexpected();
        }
        pos += literal.length();
    }

    private void expect(char c) {
        if (pos >= length) {
            throw endOfInput();
        }
        if (text.charAt(pos) != c) {
            throw new JsonSyntaxException("Expected '" + c + "'", pos);
        }
        pos++;
    }

    private JsonSyntaxException unexpected() {
        return new JsonSyntaxException("Unexpected character", pos);
    }

    private JsonSyntaxException endOfInput() {
        return new JsonSyntaxException("Unexpected end of input", pos);
    }
}
