package org.weft.core.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep copies of JSON values as {@link org.weft.core.json.Json#parse} produces them (appendices,
 * "Signing JSON": signing adds to a copy of the object). Signing, hashing and redaction return new
 * objects and never touch their input: a caller's event map may be shared, cached, or already
 * hashed, and a silent change would break its hashes and signatures.
 *
 * <p>Objects become {@link LinkedHashMap}s (order kept), arrays {@link ArrayList}s; strings,
 * numbers, booleans and null are immutable and shared.
 */
public final class JsonCopy {

    private JsonCopy() {
    }

    /**
     * A deep, mutable copy of a JSON object.
     *
     * @throws IllegalArgumentException if some nested object has a key that is not a string
     */
    public static Map<String, Object> object(Map<String, ?> object) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : object.entrySet()) {
            copy.put(e.getKey(), value(e.getValue()));
        }
        return copy;
    }

    /** A deep copy of any JSON value; leaves (strings, numbers, booleans, null) are shared. */
    public static Object value(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings: " + e.getKey());
                }
                copy.put(key, value(e.getValue()));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(value(item));
            }
            return copy;
        }
        return value;
    }
}
