package org.weft.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.weft.core.error.MatrixException;

/**
 * Serialises Java values as compact JSON, and, in canonical mode, as the Canonical JSON of the
 * appendices ("Signing JSON", "Canonical JSON"): keys sorted by Unicode code point, no
 * whitespace, integers in [-(2^53)+1, (2^53)-1] without exponent or fraction, no {@code -0},
 * and only the escapes the appendix grammar allows ({@code \b \t \n \f \r \" \\} and
 * a lower-case six-character {@code u00XX} escape for the other control characters).
 *
 * <p>Both modes share one traversal so that the set of supported types cannot drift apart; the
 * differences are confined to key order, number checks and lone surrogates. One instance writes
 * one value.
 */
final class JsonWriter {

    /**
     * Deepest nesting written. Parsed input is at most {@link JsonParser#MAX_DEPTH} deep; this
     * higher bound exists to turn an accidentally self-referencing structure into a clear error
     * instead of a StackOverflowError.
     */
    static final int MAX_DEPTH = 512;

    /** 2^53 - 1: the largest integer every IEEE double reader represents exactly. */
    private static final long MAX_SAFE = (1L << 53) - 1;
    private static final BigDecimal MAX_SAFE_DEC = BigDecimal.valueOf(MAX_SAFE);
    private static final BigDecimal MIN_SAFE_DEC = BigDecimal.valueOf(-MAX_SAFE);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(256);
    private final boolean canonical;

    private JsonWriter(boolean canonical) {
        this.canonical = canonical;
    }

    static String write(Object value, boolean canonical) {
        JsonWriter writer = new JsonWriter(canonical);
        writer.value(value, 0);
        return writer.out.toString();
    }

    private void value(Object v, int depth) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Boolean b) {
            out.append(b.booleanValue() ? "true" : "false");
        } else if (v instanceof Number n) {
            number(n);
        } else if (v instanceof Map<?, ?> m) {
            object(m, depth + 1);
        } else if (v instanceof JsonObject j) {
            object(j.map(), depth + 1);
        } else if (v instanceof Iterable<?> it) {
            array(it.iterator(), depth + 1);
        } else if (v instanceof Object[] arr) {
            array(Arrays.asList(arr).iterator(), depth + 1); // asList: nulls allowed
        } else if (v instanceof Optional<?> o) {
            value(o.orElse(null), depth);
        } else if (v instanceof Enum<?> e) {
            string(e.name());
        } else if (v instanceof Record) {
            record(v, depth + 1);
        } else if (v instanceof CharSequence cs) {
            string(cs.toString());
        } else {
            throw new IllegalArgumentException("Cannot write " + v.getClass().getName() + " as JSON");
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON nesting deeper than " + MAX_DEPTH
                    + " levels (self-referencing value?)");
        }
    }

    private void object(Map<?, ?> map, int depth) {
        checkDepth(depth);
        if (!canonical) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(key(e.getKey()));
                out.append(':');
                value(e.getValue(), depth);
            }
            out.append('}');
            return;
        }
        List<Map.Entry<String, Object>> entries = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            // SimpleImmutableEntry, unlike Map.entry, allows the null values JSON objects hold.
            entries.add(new SimpleImmutableEntry<>(key(e.getKey()), e.getValue()));
        }
        sortedEntries(entries, depth);
    }

    private void record(Object record, int depth) {
        checkDepth(depth);
        List<RecordSupport.Component> components = RecordSupport.components(record.getClass());
        List<Map.Entry<String, Object>> entries = new ArrayList<>(components.size());
        for (RecordSupport.Component c : components) {
            Object v = c.read(record);
            // Absent optional fields are omitted rather than sent as null: Matrix schemas mark
            // such keys as optional, and several clients treat an explicit null differently.
            if (v instanceof Optional<?> o) {
                v = o.orElse(null);
            }
            if (v != null) {
                entries.add(new SimpleImmutableEntry<>(c.jsonName(), v));
            }
        }
        if (canonical) {
            sortedEntries(entries, depth);
        } else {
            entries(entries, depth);
        }
    }

    private void sortedEntries(List<Map.Entry<String, Object>> entries, int depth) {
        entries.sort((a, b) -> Json.compareCodePoints(a.getKey(), b.getKey()));
        entries(entries, depth);
    }

    private void entries(List<Map.Entry<String, Object>> entries, int depth) {
        out.append('{');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(entries.get(i).getKey());
            out.append(':');
            value(entries.get(i).getValue(), depth);
        }
        out.append('}');
    }

    private static String key(Object key) {
        if (key instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("JSON object keys must be strings, got "
                + (key == null ? "null" : key.getClass().getName()));
    }

    private void array(Iterator<?> it, int depth) {
        checkDepth(depth);
        out.append('[');
        boolean first = true;
        while (it.hasNext()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            value(it.next(), depth);
        }
        out.append(']');
    }

    private void number(Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            long l = n.longValue();
            if (canonical && (l > MAX_SAFE || l < -MAX_SAFE)) {
                throw outOfRange(n);
            }
            out.append(l);
        } else if (n instanceof BigInteger bi) {
            if (canonical) {
                // |v| <= 2^53 - 1 exactly when the magnitude needs at most 53 bits.
                if (bi.abs().bitLength() > 53) {
                    throw outOfRange(n);
                }
                out.append(bi.longValue());
            } else {
                out.append(bi);
            }
        } else if (n instanceof BigDecimal bd) {
            if (canonical) {
                out.append(canonicalInteger(bd));
            } else {
                // toString, not toPlainString: its output ("3.25", "1E+10") is valid JSON that
                // parses back to an equal BigDecimal (same scale), whereas the plain form of
                // 1E+10 would come back as a Long and that of 1e999999999 is a billion digits.
                out.append(bd.toString());
            }
        } else if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                if (canonical) {
                    throw MatrixException.badJson("NaN and Infinity are not allowed in JSON");
                }
                throw new IllegalArgumentException("NaN and Infinity cannot be written as JSON");
            }
            if (canonical) {
                out.append(canonicalInteger(new BigDecimal(d)));
            } else {
                // Double.toString/Float.toString always yield valid JSON numbers ("1.0E10").
                out.append(n instanceof Float ? Float.toString(n.floatValue()) : Double.toString(d));
            }
        } else {
            throw new IllegalArgumentException("Cannot write " + n.getClass().getName() + " as JSON");
        }
    }

    /**
     * Canonical JSON admits integers only. A value written with a fraction or exponent is
     * accepted when it is mathematically an integer in range, because the appendix's own example
     * turns {@code 1e10} into {@code 10000000000}; anything with a non-zero fraction is refused.
     */
    private static long canonicalInteger(BigDecimal bd) {
        // Range first: compareTo works on the exponent, so 1e999999999 is cheap to refuse.
        if (bd.compareTo(MAX_SAFE_DEC) > 0 || bd.compareTo(MIN_SAFE_DEC) < 0) {
            throw outOfRange(bd);
        }
        if (bd.signum() != 0 && bd.stripTrailingZeros().scale() > 0) {
            throw MatrixException.badJson("Canonical JSON does not allow non-integer numbers: " + bd);
        }
        return bd.longValue(); // -0 and -0.0 become 0, as the appendix requires
    }

    private static MatrixException outOfRange(Number n) {
        return MatrixException.badJson("Integer out of canonical JSON range [-(2^53)+1, (2^53)-1]: " + n);
    }

    private void string(String s) {
        out.append('"');
        int n = s.length();
        int runStart = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a proper pair is ordinary text, written as-is
                continue;
            }
            out.append(s, runStart, i);
            runStart = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (Character.isSurrogate(c) && canonical) {
                        // Not encodable in UTF-8, so there is no canonical byte form to sign.
                        throw MatrixException.badJson("String contains an unpaired surrogate");
                    }
                    // Other control characters, and (compact mode only) a lone surrogate, which
                    // escaped keeps the output valid UTF-8 instead of turning it into '?'.
                    out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                            .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                }
            }
        }
        out.append(s, runStart, n);
        out.append('"');
    }
}
