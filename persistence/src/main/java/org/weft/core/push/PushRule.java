package org.weft.core.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.json.DottedPath;

/**
 * One push rule (client-server API, "Push Rules") with its conditions compiled. Content, room and
 * sender rules get their predefined condition here: a word-bounded glob on {@code content.body},
 * the room ID, the sender.
 *
 * @param kind       override, content, room, sender or underride
 * @param ruleId     the rule's ID ({@code rule_id})
 * @param enabled    whether it may match at all
 * @param isDefault  a server-default rule
 * @param json       the rule as clients see it ({@code rule_id}, {@code default}, {@code enabled},
 *                   {@code actions}, and {@code conditions} or {@code pattern})
 * @param conditions the compiled conditions, all of which must hold
 * @param actions    what a match means
 * @param actionsJson the actions array as JSON, made once: equal for equal actions of different users
 */
public record PushRule(String kind, String ruleId, boolean enabled, boolean isDefault, Map<String, Object> json,
                       List<PushCondition> conditions, PushActions actions, String actionsJson) {

    public static final List<String> KINDS = List.of("override", "content", "room", "sender", "underride");

    /** Longest actions array (as JSON) a rule may have: it is stored with every notification. */
    public static final int MAX_ACTIONS_CHARS = 4000;

    /** Whether any condition depends on whose rules these are. */
    public boolean userSpecific() {
        for (PushCondition condition : conditions) {
            if (condition.userSpecific()) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(PushContext context) {
        if (!enabled) {
            return false;
        }
        // Indexed, not an iterator: this runs for every rule of every member of a room, per event.
        for (int i = 0, n = conditions.size(); i < n; i++) {
            if (!conditions.get(i).matches(context)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compiles a rule of {@code kind} from its JSON.
     *
     * @throws IllegalArgumentException naming what is malformed
     */
    @SuppressWarnings("unchecked")
    public static PushRule of(String kind, Map<String, Object> json) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("Unknown push rule kind: " + kind);
        }
        if (!(json.get("rule_id") instanceof String ruleId) || ruleId.isEmpty()) {
            throw new IllegalArgumentException("A push rule needs a rule_id");
        }
        if (!(json.get("actions") instanceof List<?> actions)) {
            throw new IllegalArgumentException("A push rule needs an actions array");
        }
        if (org.weft.core.json.Json.write(actions).length() > MAX_ACTIONS_CHARS) {
            throw new IllegalArgumentException("A push rule's actions are limited to " + MAX_ACTIONS_CHARS + " characters");
        }
        List<PushCondition> conditions = new ArrayList<>();
        switch (kind) {
            case "content" -> {
                if (!(json.get("pattern") instanceof String pattern)) {
                    throw new IllegalArgumentException("A content rule needs a pattern");
                }
                Glob.checkBounds(pattern);
                conditions.add(PushCondition.eventMatch(DottedPath.parse("content.body"), pattern));
            }
            case "room" -> conditions.add(new PushCondition.EventPropertyIs(DottedPath.parse("room_id"), ruleId));
            case "sender" -> conditions.add(new PushCondition.EventPropertyIs(DottedPath.parse("sender"), ruleId));
            default -> {
                Object raw = json.getOrDefault("conditions", List.of());
                if (!(raw instanceof List<?> list)) {
                    throw new IllegalArgumentException("conditions must be an array");
                }
                for (Object condition : list) {
                    if (!(condition instanceof Map<?, ?> map)) {
                        throw new IllegalArgumentException("Each condition must be an object");
                    }
                    conditions.add(PushCondition.parse((Map<String, Object>) map));
                }
            }
        }
        Map<String, Object> clean = new LinkedHashMap<>(json);
        List<Object> kept = PushActions.stripHistorical(actions);
        clean.put("actions", kept);
        return new PushRule(kind, ruleId, !Boolean.FALSE.equals(json.get("enabled")),
                Boolean.TRUE.equals(json.get("default")), Map.copyOf(clean), List.copyOf(conditions),
                PushActions.parse(actions), org.weft.core.json.Json.write(kept).intern());
    }
}
