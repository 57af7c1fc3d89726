package org.weft.core.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dot-separated property path (appendices, "Dot-separated property paths"): {@code content.body}
 * names {@code body} inside {@code content}; a literal dot or backslash in a name is escaped with a
 * backslash ({@code content.m\.relates_to}); any other backslash is itself. Used by filters'
 * event_fields and by push rule conditions.
 */
public record DottedPath(List<String> names) {

    public DottedPath {
        names = List.copyOf(names);
    }

    public static DottedPath parse(String path) {
        List<String> names = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' && i + 1 < path.length() && (path.charAt(i + 1) == '.' || path.charAt(i + 1) == '\\')) {
                name.append(path.charAt(++i));
            } else if (c == '.') {
                names.add(name.toString());
                name.setLength(0);
            } else {
                name.append(c);
            }
        }
        names.add(name.toString());
        return new DottedPath(names);
    }

    /** The value at this path, or null when a name is missing or a step is not an object. */
    public Object get(Map<String, Object> json) {
        Object current = json;
        for (String name : names) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(name);
        }
        return current;
    }

    /** Whether the path names a member that is present, even with a null value. */
    public boolean exists(Map<String, Object> json) {
        Object current = json;
        for (int i = 0; i < names.size(); i++) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(names.get(i))) {
                return false;
            }
            current = map.get(names.get(i));
        }
        return true;
    }

    /**
     * A copy of {@code json} holding only what the paths name (whole values at their ends, the
     * objects leading to them); a path that names nothing adds nothing.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> project(Map<String, Object> json, List<DottedPath> paths) {
        Map<String, Object> out = new LinkedHashMap<>();
        // Objects made here may be added to; values copied from the source never are.
        Set<Object> made = Collections.newSetFromMap(new IdentityHashMap<>());
        for (DottedPath path : paths) {
            Object value = path.get(json);
            if (value == null) {
                continue;
            }
            Map<String, Object> target = out;
            List<String> names = path.names();
            for (String name : names.subList(0, names.size() - 1)) {
                Object next = target.get(name);
                if (!made.contains(next)) {
                    next = next instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
                    made.add(next);
                    target.put(name, next);
                }
                target = (Map<String, Object>) next;
            }
            target.put(names.get(names.size() - 1), value);
        }
        return Collections.unmodifiableMap(out);
    }
}
