package org.weft.ejb.push;

import jakarta.ejb.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.weft.core.json.Json;

/**
 * The push rule set of a user: the server-default rules, read from {@code default-rules.json},
 * which holds the JSON of each rule exactly as "Predefined Rules" (push module, spec v1.19) gives
 * it, grouped by kind. Per-user changes to rules come with the push issue.
 */
@Singleton
public class PushRulesService {

    /** The spec's placeholder in rules that name the user. */
    private static final String USER_PLACEHOLDER = "[the user's Matrix ID]";

    private final String defaults = load();

    /** GET /pushrules/: {@code {"global": {override, content, room, sender, underride}}}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> rules(String userId) {
        // The placeholder sits inside JSON strings, and a user ID needs no escaping there.
        return Map.of("global", (Map<String, Object>) Json.parse(defaults.replace(USER_PLACEHOLDER, userId)));
    }

    private static String load() {
        try (InputStream in = PushRulesService.class.getResourceAsStream("default-rules.json")) {
            if (in == null) {
                throw new IllegalStateException("default-rules.json is missing from the ejb jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
