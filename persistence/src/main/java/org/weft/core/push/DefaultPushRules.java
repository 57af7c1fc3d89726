package org.weft.core.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.json.Json;

/**
 * The server-default push rules ("Predefined Rules", spec v1.19, in the spec's order), read from
 * {@code default-rules.json} which holds each rule's JSON as the spec prints it, plus the three
 * legacy body-mention rules at their historical places (see {@link PushRuleSet}). The spec's
 * placeholders for the user's ID and localpart stay placeholders ({@link PushCondition#USER_ID},
 * {@link PushCondition#LOCALPART}) that conditions resolve from the context, so the defaults are
 * compiled once for every user, and {@link #render} writes them in for clients.
 */
public final class DefaultPushRules {

    private static final Map<String, List<PushRule>> RULES = compile();
    private static final PushRuleSet STANDARD = PushRuleSet.of(Map.of(), RULES);

    private DefaultPushRules() {
    }

    /** The default rules per kind, compiled once. */
    public static Map<String, List<PushRule>> rules() {
        return RULES;
    }

    /** The rule set of every user who changed nothing: one shared instance. */
    public static PushRuleSet standard() {
        return STANDARD;
    }

    /** A copy of rule JSON with the placeholders replaced by the user's ID and localpart. */
    public static Object render(Object json, String userId) {
        String localpart = userId.substring(1, userId.indexOf(':'));
        if (json instanceof String text) {
            return PushCondition.USER_ID.equals(text) ? userId : PushCondition.LOCALPART.equals(text) ? localpart : text;
        }
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), render(v, userId)));
            return out;
        }
        if (json instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(render(v, userId)));
            return out;
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<PushRule>> compile() {
        String template = load().replace("[the user's Matrix ID]", "\\u0001user_id\\u0001")
                .replace("[the user's localpart]", "\\u0001localpart\\u0001");
        Map<String, Object> json = (Map<String, Object>) Json.parse(template);
        Map<String, List<PushRule>> rules = new LinkedHashMap<>();
        for (String kind : PushRule.KINDS) {
            List<PushRule> list = new ArrayList<>();
            for (Object rule : (List<Object>) json.getOrDefault(kind, List.of())) {
                list.add(PushRule.of(kind, (Map<String, Object>) rule));
            }
            rules.put(kind, List.copyOf(list));
        }
        return Map.copyOf(rules);
    }

    private static String load() {
        try (InputStream in = DefaultPushRules.class.getResourceAsStream("default-rules.json")) {
            if (in == null) {
                throw new IllegalStateException("default-rules.json is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
