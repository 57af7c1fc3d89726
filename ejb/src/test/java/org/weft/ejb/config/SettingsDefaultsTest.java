package org.weft.ejb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.weft.ejb.ratelimit.RateLimitedAction;

/**
 * The defaults in WeftSettings are the ones weft.cli documents and configures ({@code ${name:default}}),
 * so that a server set up without the script behaves like one set up with it. Read as behaviour:
 * every setting WeftSettings offers gives the same value whether nothing is set (WeftSettings' own
 * defaults) or every weft.* property holds weft.cli's default; and every property it reads is
 * defined in weft.cli.
 */
class SettingsDefaultsTest {

    private static final Path WEFT_CLI = Path.of("../standalone-config/src/main/cli/weft.cli");

    @Test
    void everyDefaultInWeftSettingsIsTheOneWeftCliSets() throws Exception {
        Map<String, String> cli = defaultsIn(Files.readString(WEFT_CLI));
        Set<String> read = new TreeSet<>();
        WeftSettings ownDefaults = new WeftSettings(name -> {
            read.add(name);
            return null;
        });
        WeftSettings cliDefaults = new WeftSettings(name -> resolve(cli.get(name), cli));

        List<String> differences = new ArrayList<>();
        for (Method method : WeftSettings.class.getMethods()) {
            if (method.getDeclaringClass() == WeftSettings.class && method.getParameterCount() == 0
                    && !Modifier.isStatic(method.getModifiers())) {
                Object own = comparable(method.invoke(ownDefaults));
                Object configured = comparable(method.invoke(cliDefaults));
                if (!own.equals(configured)) {
                    differences.add(method.getName() + ": WeftSettings " + own + ", weft.cli " + configured);
                }
            }
        }
        for (RateLimitedAction action : RateLimitedAction.values()) {
            Object own = ownDefaults.rateLimit(action.settingName(), action.defaultPerSecond(), action.defaultBurst());
            Object configured = cliDefaults.rateLimit(action.settingName(), action.defaultPerSecond(), action.defaultBurst());
            if (!own.equals(configured)) {
                differences.add("rate limit " + action + ": WeftSettings " + own + ", weft.cli " + configured);
            }
        }
        assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
        assertTrue(read.size() > 40, "the test read the settings: " + read);
        Set<String> undefined = new TreeSet<>(read);
        undefined.removeAll(cli.keySet());
        assertEquals(Set.of(), undefined, "read by WeftSettings but not defined in weft.cli");
    }

    @Test
    void theParserReadsNestedDefaults() {
        Map<String, String> defaults = defaultsIn("/system-property=weft.a:add(value=\"${weft.a:${weft.b}/x}\")\n"
                + "# a comment mentioning ${weft.c:ignored}\nurl=\"jdbc:x;D=${weft.b:1}\"");
        assertEquals(Map.of("weft.a", "${weft.b}/x", "weft.b", "1"), defaults);
        assertEquals("1/x", resolve(defaults.get("weft.a"), defaults));
    }

    /** Every {@code ${weft.name:default}} outside comments, with nested expressions kept as they are. */
    static Map<String, String> defaultsIn(String script) {
        Map<String, String> defaults = new HashMap<>();
        for (String line : script.split("\n")) {
            if (line.stripLeading().startsWith("#")) {
                continue;
            }
            for (int at = line.indexOf("${weft."); at >= 0; at = line.indexOf("${weft.", at + 2)) {
                int colon = line.indexOf(':', at);
                int end = closingBrace(line, at + 2);
                if (colon < 0 || end < 0 || colon > end) {
                    continue; // a reference without a default
                }
                String name = line.substring(at + 2, colon);
                String value = line.substring(colon + 1, end);
                String earlier = defaults.putIfAbsent(name, value);
                if (earlier != null && !earlier.equals(value)) {
                    throw new AssertionError("weft.cli gives " + name + " two defaults: " + earlier + " and " + value);
                }
            }
        }
        return defaults;
    }

    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** A default with its references resolved as WildFly would (jboss.server.data.dir as WeftSettings sees it). */
    static String resolve(String value, Map<String, String> defaults) {
        if (value == null) {
            return null;
        }
        String resolved = value;
        for (int at = resolved.indexOf("${"); at >= 0; at = resolved.indexOf("${")) {
            int end = closingBrace(resolved, at + 2);
            String expression = resolved.substring(at + 2, end);
            int colon = expression.indexOf(':');
            String name = colon < 0 ? expression : expression.substring(0, colon);
            String replacement = "jboss.server.data.dir".equals(name) ? System.getProperty(name, ".")
                    : defaults.containsKey(name) ? resolve(defaults.get(name), defaults)
                    : colon < 0 ? "" : expression.substring(colon + 1);
            resolved = resolved.substring(0, at) + replacement + resolved.substring(end + 1);
        }
        return resolved;
    }

    /** Values that compare by what they say (a Pattern by its expression, an Optional by its content). */
    private static Object comparable(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(SettingsDefaultsTest::comparable).map(Object::toString).orElse("(none)");
        }
        if (value instanceof Pattern pattern) {
            return pattern.pattern();
        }
        return value == null ? "(null)" : value;
    }

    static {
        try {
            if (!Files.exists(WEFT_CLI)) {
                throw new IOException("weft.cli not found at " + WEFT_CLI.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
