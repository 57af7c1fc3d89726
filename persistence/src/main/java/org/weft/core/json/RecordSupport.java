package org.weft.core.json;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns Java records into JSON objects for {@link Json#write} and {@link Json#canonical}: one key
 * per record component, named in snake_case because that is the naming convention of every
 * Matrix API (appendices, "Conventions for Matrix APIs", "HTTP endpoint and JSON property
 * naming"), so response records can use ordinary Java names ({@code userId} -> {@code user_id}).
 *
 * <p>The reflective work (finding accessors, making them accessible, computing names) is done
 * once per record class. It is cached in a {@link ClassValue} rather than a static map keyed by
 * class: the value then lives with the class itself, so a redeployed application's records are
 * not pinned in memory by this library, which sits in the EAR's shared lib/.
 */
final class RecordSupport {

    /** One record component: its JSON key and the accessor that reads it. */
    record Component(String jsonName, Method accessor) {

        /** Reads this component from {@code record}, unwrapping reflection's exception wrapper. */
        Object read(Object record) {
            try {
                return accessor.invoke(record);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("Accessor " + accessor + " failed", cause);
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("Cannot read " + accessor, e);
            }
        }
    }

    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return inspect(type);
        }
    };

    private RecordSupport() {
    }

    /** The components of a record class in declaration order, computed once per class. */
    static List<Component> components(Class<?> recordClass) {
        return COMPONENTS.get(recordClass);
    }

    private static List<Component> inspect(Class<?> type) {
        RecordComponent[] declared = type.getRecordComponents();
        if (declared == null) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        Component[] result = new Component[declared.length];
        Set<String> names = new HashSet<>();
        for (int i = 0; i < declared.length; i++) {
            Method accessor = declared[i].getAccessor();
            try {
                // Records are often private nested classes of a resource; their accessors are
                // public methods of an inaccessible class, which reflection refuses without this.
                accessor.setAccessible(true);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Cannot access record " + type.getName(), e);
            }
            String name = snakeCase(declared[i].getName());
            // Two components mapping to one key (userId and user_id) would emit a duplicate key,
            // which Matrix JSON must never contain; fail loudly on the first use instead.
            if (!names.add(name)) {
                throw new IllegalArgumentException("Record " + type.getName()
                        + " has two components named " + name + " in JSON");
            }
            result[i] = new Component(name, accessor);
        }
        return List.of(result);
    }

    /**
     * camelCase -> snake_case. An underscore goes before an upper-case letter that follows a
     * lower-case letter or digit ({@code expiresInMs} -> {@code expires_in_ms}), or that ends a
     * run of capitals before a lower-case letter ({@code httpURLPath} -> {@code http_url_path}),
     * so acronyms stay one word. Names without capitals ({@code errcode}) are unchanged.
     */
    static String snakeCase(String name) {
        int n = name.length();
        boolean hasUpper = false;
        for (int i = 0; i < n; i++) {
            if (Character.isUpperCase(name.charAt(i))) {
                hasUpper = true;
                break;
            }
        }
        if (!hasUpper) {
            return name;
        }
        StringBuilder sb = new StringBuilder(n + 4);
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    char prev = name.charAt(i - 1);
                    boolean afterWord = Character.isLowerCase(prev) || Character.isDigit(prev);
                    boolean endsAcronym = Character.isUpperCase(prev)
                            && i + 1 < n && Character.isLowerCase(name.charAt(i + 1));
                    if (afterWord || endsAcronym) {
                        sb.append('_');
                    }
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
