package org.weft.core.push;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.weft.core.json.DottedPath;

/**
 * One condition of a push rule (client-server API, "Conditions"), parsed from its JSON and compiled
 * once. An unrecognised kind never matches, which disables its rule, as the spec requires.
 */
public sealed interface PushCondition {

    /** Stands for the user's ID in the server-default rules (the spec's "[the user's Matrix ID]"). */
    String USER_ID = "\u0001user_id\u0001";
    /** Stands for the user's localpart (the spec's "[the user's localpart]"). */
    String LOCALPART = "\u0001localpart\u0001";

    boolean matches(PushContext context);

    /** Whether the outcome depends on whose rules these are (not only on the event and the room). */
    default boolean userSpecific() {
        return false;
    }

    /**
     * Parses a condition.
     *
     * @throws IllegalArgumentException when a recognised kind lacks or mistypes its parameters
     */
    static PushCondition parse(Map<String, Object> json) {
        Object kind = json.get("kind");
        if (!(kind instanceof String name)) {
            throw new IllegalArgumentException("A condition needs a kind");
        }
        return switch (name) {
            case "event_match" -> eventMatch(path(json), string(json, "pattern"));
            case "event_property_is" -> USER_ID.equals(json.get("value")) ? new UserValue(path(json), false)
                    : new EventPropertyIs(path(json), scalar(json));
            case "event_property_contains" -> USER_ID.equals(json.get("value")) ? new UserValue(path(json), true)
                    : new EventPropertyContains(path(json), scalar(json));
            case "contains_display_name" -> new ContainsDisplayName();
            case "room_member_count" -> RoomMemberCount.parse(string(json, "is"));
            case "sender_notification_permission" -> new SenderNotificationPermission(string(json, "key"));
            default -> new Unrecognised(name);
        };
    }

    /** An event_match, or its user-specific form when the pattern is a placeholder. */
    static PushCondition eventMatch(DottedPath key, String pattern) {
        if (USER_ID.equals(pattern) || LOCALPART.equals(pattern)) {
            return new UserMatch(key, LOCALPART.equals(pattern));
        }
        Glob.checkBounds(pattern);
        return new EventMatch(key, pattern);
    }

    private static DottedPath path(Map<String, Object> json) {
        return DottedPath.parse(string(json, "key"));
    }

    private static String string(Map<String, Object> json, String name) {
        if (!(json.get(name) instanceof String value)) {
            throw new IllegalArgumentException("Condition " + json.get("kind") + " needs a string " + name);
        }
        return value;
    }

    private static Object scalar(Map<String, Object> json) {
        if (!json.containsKey("value")) {
            throw new IllegalArgumentException("Condition " + json.get("kind") + " needs a value");
        }
        Object value = json.get("value");
        if (!isScalar(value)) {
            throw new IllegalArgumentException("Condition " + json.get("kind") + " takes a string, integer, boolean or null");
        }
        return value;
    }

    /** Non-compound canonical JSON values: strings, integers, booleans, null. */
    private static boolean isScalar(Object value) {
        return value == null || value instanceof String || value instanceof Boolean
                || value instanceof Long || value instanceof Integer;
    }

    /** Exact equality without casts: 1, true and "1" are three different values. */
    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return (x instanceof Long || x instanceof Integer) && (y instanceof Long || y instanceof Integer)
                    && x.longValue() == y.longValue();
        }
        return Objects.equals(a, b);
    }

    /**
     * {@code event_match}: a glob over a string property; {@code content.body} by words. A pattern
     * without wildcards (most of the default rules') is compared without a regular expression.
     */
    record EventMatch(DottedPath key, String pattern, boolean words, Pattern compiled) implements PushCondition {
        public EventMatch(DottedPath key, String pattern) {
            this(key, pattern, key.names().equals(List.of("content", "body")), compile(key, pattern));
        }

        private static Pattern compile(DottedPath key, String pattern) {
            if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
                return null;
            }
            return key.names().equals(List.of("content", "body")) ? Glob.words(pattern) : Glob.whole(pattern);
        }

        @Override
        public boolean matches(PushContext context) {
            if (!(key.get(context.event()) instanceof String value)) {
                return false;
            }
            if (compiled != null) {
                return compiled.matcher(value).find();
            }
            return words ? Words.contains(value, pattern) : value.equalsIgnoreCase(pattern);
        }
    }

    /** {@code event_property_is}: exact equality with a scalar property. */
    record EventPropertyIs(DottedPath key, Object value) implements PushCondition {
        @Override
        public boolean matches(PushContext context) {
            Object actual = key.get(context.event());
            return isScalar(actual) && key.exists(context.event()) && same(actual, value);
        }
    }

    /** {@code event_property_contains}: an array property holds the scalar exactly. */
    record EventPropertyContains(DottedPath key, Object value) implements PushCondition {
        @Override
        public boolean matches(PushContext context) {
            if (!(key.get(context.event()) instanceof List<?> values)) {
                return false;
            }
            for (Object element : values) {
                if (isScalar(element) && same(element, value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * An event_match whose pattern is the user's ID or localpart (server-default rules), so one
     * compiled rule serves every user. Like any event_match: whole value, or words of the body.
     */
    record UserMatch(DottedPath key, boolean localpart) implements PushCondition {
        @Override
        public boolean matches(PushContext context) {
            String wanted = localpart ? context.localpart() : context.userId();
            if (wanted == null || !(key.get(context.event()) instanceof String value)) {
                return false;
            }
            return key.names().equals(List.of("content", "body")) ? Words.contains(value, wanted)
                    : value.equalsIgnoreCase(wanted);
        }

        @Override
        public boolean userSpecific() {
            return true;
        }
    }

    /** event_property_is (or _contains, for an array) with the user's ID as the value. */
    record UserValue(DottedPath key, boolean inArray) implements PushCondition {
        @Override
        public boolean matches(PushContext context) {
            if (context.userId() == null) {
                return false;
            }
            Object actual = key.get(context.event());
            if (inArray) {
                return actual instanceof List<?> values && values.contains(context.userId());
            }
            return context.userId().equals(actual);
        }

        @Override
        public boolean userSpecific() {
            return true;
        }
    }

    /** {@code contains_display_name} (deprecated since v1.17): the body names the user, as whole words. */
    record ContainsDisplayName() implements PushCondition {
        @Override
        public boolean userSpecific() {
            return true;
        }

        @Override
        public boolean matches(PushContext context) {
            String name = context.displayName();
            if (name == null || name.isBlank() || !(context.event().get("content") instanceof Map<?, ?> content)
                    || !(content.get("body") instanceof String body)) {
                return false;
            }
            return Words.contains(body, name);
        }
    }

    /** {@code room_member_count}: {@code is} with an optional ==, <, >, <= or >= prefix. */
    record RoomMemberCount(String operator, long count) implements PushCondition {
        private static final Pattern IS = Pattern.compile("(==|<=|>=|<|>)?([0-9]+)");

        static RoomMemberCount parse(String is) {
            Matcher m = IS.matcher(is.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("room_member_count needs 'is' like '2', '>=10' or '<5'");
            }
            try {
                return new RoomMemberCount(m.group(1) == null ? "==" : m.group(1), Long.parseLong(m.group(2)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("room_member_count is too large");
            }
        }

        @Override
        public boolean matches(PushContext context) {
            long n = context.memberCount();
            return switch (operator) {
                case "<" -> n < count;
                case ">" -> n > count;
                case "<=" -> n <= count;
                case ">=" -> n >= count;
                default -> n == count;
            };
        }
    }

    /** {@code sender_notification_permission}: the sender may trigger notifications of kind {@code key}. */
    record SenderNotificationPermission(String key) implements PushCondition {
        @Override
        public boolean matches(PushContext context) {
            return context.senderPowerLevel() >= context.notificationLevel(key);
        }
    }

    /** A kind this server does not know: never matches. */
    record Unrecognised(String kind) implements PushCondition {
        @Override
        public boolean matches(PushContext context) {
            return false;
        }
    }

    /** Case-insensitive search for a literal between word boundaries, without a regular expression. */
    final class Words {
        private Words() {
        }

        static boolean contains(String text, String literal) {
            for (int at = 0; at + literal.length() <= text.length(); at++) {
                if (text.regionMatches(true, at, literal, 0, literal.length()) && boundary(text, at - 1)
                        && boundary(text, at + literal.length())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean boundary(String text, int index) {
            if (index < 0 || index >= text.length()) {
                return true;
            }
            char c = text.charAt(index);
            return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
        }
    }
}
