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
 * placeholders become the user's ID and localpart.
 */
public final class DefaultPushRules {

    private static final String USER_ID = "[the user's Matrix ID]";
    private static final String LOCALPART = "[the user's localpart]";
    private static final String TEMPLATE = load();

    private DefaultPushRules() {
    }

    /** The default rules of one user, per kind, compiled. */
    @SuppressWarnings("unchecked")
    public static Map<String, List<PushRule>> forUser(String userId) {
        String localpart = userId.substring(1, userId.indexOf(':'));
        // Placeholders sit inside JSON strings; a user ID and its localpart need no JSON escaping.
        Map<String, Object> json = (Map<String, Object>) Json.parse(TEMPLATE.replace(USER_ID, userId)
                .replace(LOCALPART, localpart));
        Map<String, List<PushRule>> rules = new LinkedHashMap<>();
        for (String kind : PushRule.KINDS) {
            List<PushRule> list = new ArrayList<>();
            for (Object rule : (List<Object>) json.getOrDefault(kind, List.of())) {
                list.add(PushRule.of(kind, (Map<String, Object>) rule));
            }
            rules.put(kind, list);
        }
        return rules;
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
