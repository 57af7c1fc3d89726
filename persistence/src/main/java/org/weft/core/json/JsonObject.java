package org.weft.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.weft.core.error.MatrixException;

/**
 * A typed, read-only view of a parsed JSON object, used to read request bodies. Every accessor
 * maps a malformed body to the error the client-server API prescribes ("API standards",
 * "Standard error response", "Common error codes"): a body that is not JSON is M_NOT_JSON, JSON
 * of the wrong shape or type is M_BAD_JSON, and a required key that is absent (or JSON null) is
 * M_MISSING_PARAM. Messages name the key so the client can tell what to fix.
 *
 * <p>"opt" accessors return {@code null} for an absent key and for an explicit JSON null: the
 * spec treats optional parameters sent as null like omitted ones, and clients do send them.
 */
public final class JsonObject {

    private final Map<String, Object> map;

    private JsonObject(Map<String, Object> map) {
        this.map = Collections.unmodifiableMap(map);
    }

    /** Wraps an already parsed object; the map is not copied, only viewed read-only. */
    public static JsonObject of(Map<String, Object> map) {
        return new JsonObject(Objects.requireNonNull(map, "map"));
    }

    /**
     * Parses a request body that must be a JSON object.
     *
     * @throws MatrixException M_NOT_JSON if the text is empty or not JSON, M_BAD_JSON if it is
     *         JSON but not an object
     */
    public static JsonObject parseBody(String text) {
        if (text == null || text.isBlank()) {
            throw MatrixException.notJson("Content not JSON.");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (JsonSyntaxException e) {
            throw MatrixException.notJson("Content not JSON.");
        }
        return asObject(parsed);
    }

    /** {@link #parseBody(String)} for a raw UTF-8 body; invalid UTF-8 is M_NOT_JSON as well. */
    public static JsonObject parseBody(byte[] utf8) {
        if (utf8 == null || utf8.length == 0) {
            throw MatrixException.notJson("Content not JSON.");
        }
        Object parsed;
        try {
            parsed = Json.parse(utf8);
        } catch (JsonSyntaxException e) {
            throw MatrixException.notJson("Content not JSON.");
        }
        return asObject(parsed);
    }

    @SuppressWarnings("unchecked")
    private static JsonObject asObject(Object parsed) {
        if (parsed instanceof Map<?, ?> m) {
            // The parser only produces String keys.
            return new JsonObject((Map<String, Object>) m);
        }
        throw MatrixException.badJson("Content must be a JSON object");
    }

    /** The object's members, read-only, in document order. */
    public Map<String, Object> map() {
        return map;
    }

    /** Whether the key is present, even with a JSON null value. */
    public boolean has(String key) {
        return map.containsKey(key);
    }

    /** The raw value (see {@link Json} for the types), or null if absent or JSON null. */
    public Object get(String key) {
        return map.get(key);
    }

    /** A string member, or null if absent or JSON null; M_BAD_JSON if it is another type. */
    public String optString(String key) {
        Object v = map.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw wrongType(key, "a string");
    }

    /** A string member that must be present; M_MISSING_PARAM if absent or null. */
    public String requireString(String key) {
        String v = optString(key);
        if (v == null) {
            throw MatrixException.missingParam(key);
        }
        return v;
    }

    /** A boolean member, or null if absent or JSON null; M_BAD_JSON if it is another type. */
    public Boolean optBoolean(String key) {
        Object v = map.get(key);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw wrongType(key, "a boolean");
    }

    /** A boolean member, or {@code dflt} if absent or JSON null. */
    public boolean optBoolean(String key, boolean dflt) {
        Boolean v = optBoolean(key);
        return v == null ? dflt : v;
    }

    /**
     * An integer member, or null if absent or JSON null. Only JSON integers qualify: a number
     * with a fraction or exponent ({@code 1.0}, {@code 1e3}) is M_BAD_JSON, as is an integer
     * beyond the 64-bit range, because every integer field in the spec is a JSON integer.
     */
    public Long optLong(String key) {
        Object v = map.get(key);
        if (v == null || v instanceof Long) {
            return (Long) v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue(); // maps built in code, not by the parser
        }
        if (v instanceof BigInteger) {
            throw MatrixException.badJson("'" + key + "' is out of range");
        }
        if (v instanceof BigDecimal) {
            throw MatrixException.badJson("'" + key + "' must be an integer");
        }
        throw wrongType(key, "an integer");
    }

    /** An integer member that must be present; M_MISSING_PARAM if absent or null. */
    public long requireLong(String key) {
        Long v = optLong(key);
        if (v == null) {
            throw MatrixException.missingParam(key);
        }
        return v;
    }

    /** An object member, or null if absent or JSON null; M_BAD_JSON if it is another type. */
    @SuppressWarnings("unchecked")
    public JsonObject optObject(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonObject j) {
            return j;
        }
        if (v instanceof Map<?, ?> m) {
            checkStringKeys(key, m);
            return new JsonObject((Map<String, Object>) m);
        }
        throw wrongType(key, "an object");
    }

    /** An object member that must be present; M_MISSING_PARAM if absent or null. */
    public JsonObject requireObject(String key) {
        JsonObject v = optObject(key);
        if (v == null) {
            throw MatrixException.missingParam(key);
        }
        return v;
    }

    /** An array member (read-only), or null if absent or JSON null; M_BAD_JSON otherwise. */
    @SuppressWarnings("unchecked")
    public List<Object> optList(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> l) {
            return Collections.unmodifiableList((List<Object>) l);
        }
        throw wrongType(key, "an array");
    }

    /**
     * An array of strings (read-only copy), or null if absent or JSON null; M_BAD_JSON if it is
     * not an array or any element is not a string (JSON null elements included).
     */
    public List<String> optStringList(String key) {
        List<Object> list = optList(key);
        if (list == null) {
            return null;
        }
        List<String> result = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof String s)) {
                throw MatrixException.badJson("'" + key + "' must be an array of strings");
            }
            result.add(s);
        }
        return Collections.unmodifiableList(result);
    }

    private static void checkStringKeys(String key, Map<?, ?> m) {
        // Only maps built in code can break this; fail here rather than with a ClassCastException
        // deep inside a caller.
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw wrongType(key, "an object with string keys");
            }
        }
    }

    private static MatrixException wrongType(String key, String expected) {
        return MatrixException.badJson("'" + key + "' must be " + expected);
    }

    /** Compact JSON of the members. */
    @Override
    public String toString() {
        return Json.write(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonObject other && map.equals(other.map);
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }
}
