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
 * @param json       the rule as clients see it ({@code rule_id}, {@code default}, {@code enabled},
 *                   {@code actions}, and {@code conditions} or {@code pattern})
 * @param conditions the compiled conditions, all of which must hold
 * @param actions    what a match means
 */
public record PushRule(String kind, Map<String, Object> json, List<PushCondition> conditions, PushActions actions) {

    public static final List<String> KINDS = List.of("override", "content", "room", "sender", "underride");

    public String ruleId() {
        return (String) json.get("rule_id");
    }

    public boolean enabled() {
        return !Boolean.FALSE.equals(json.get("enabled"));
    }

    public boolean isDefault() {
        return Boolean.TRUE.equals(json.get("default"));
    }

    public boolean matches(PushContext context) {
        if (!enabled()) {
            return false;
        }
        for (PushCondition condition : conditions) {
            if (!condition.matches(context)) {
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
        List<PushCondition> conditions = new ArrayList<>();
        switch (kind) {
            case "content" -> {
                if (!(json.get("pattern") instanceof String pattern)) {
                    throw new IllegalArgumentException("A content rule needs a pattern");
                }
                conditions.add(new PushCondition.EventMatch(DottedPath.parse("content.body"), pattern));
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
        clean.put("actions", PushActions.stripHistorical(actions));
        return new PushRule(kind, Map.copyOf(clean), List.copyOf(conditions), PushActions.parse(actions));
    }
}
