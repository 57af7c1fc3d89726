package org.weft.core.push;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a matching rule's actions mean (client-server API, "Actions"): whether to notify, and the
 * tweaks for the push gateway; {@code highlight} is true when the tweak is given without a value.
 * The historical {@code dont_notify} and {@code coalesce} are dropped, as the spec requires.
 *
 * @param notifies whether the event notifies
 * @param tweaks set_tweak values by name (highlight normalised to a boolean)
 */
public record PushActions(boolean notifies, Map<String, Object> tweaks) {

    public static final PushActions NONE = new PushActions(false, Map.of());

    public PushActions {
        tweaks = Map.copyOf(tweaks);
    }

    public boolean highlight() {
        return Boolean.TRUE.equals(tweaks.get("highlight"));
    }

    /** The sound tweak, or null. */
    public String sound() {
        return tweaks.get("sound") instanceof String sound ? sound : null;
    }

    /**
     * Reads an actions array.
     *
     * @throws IllegalArgumentException for an action that is neither a known string nor a
     *         {@code set_tweak} object
     */
    public static PushActions parse(List<?> actions) {
        boolean notify = false;
        Map<String, Object> tweaks = new LinkedHashMap<>();
        for (Object action : actions) {
            if ("notify".equals(action)) {
                notify = true;
            } else if ("dont_notify".equals(action) || "coalesce".equals(action)) {
                continue; // historical: ignored
            } else if (action instanceof Map<?, ?> tweak && tweak.get("set_tweak") instanceof String name) {
                Object value = tweak.containsKey("value") ? tweak.get("value") : ("highlight".equals(name) ? true : null);
                if ("highlight".equals(name)) {
                    value = Boolean.TRUE.equals(value);
                }
                if (value != null) {
                    tweaks.put(name, value);
                }
            } else {
                throw new IllegalArgumentException("Unknown push rule action: " + action);
            }
        }
        return new PushActions(notify, tweaks);
    }

    /** The actions array without the historical actions, for storing and listing. */
    public static List<Object> stripHistorical(List<?> actions) {
        List<Object> kept = new ArrayList<>();
        for (Object action : actions) {
            if (!"dont_notify".equals(action) && !"coalesce".equals(action)) {
                kept.add(action);
            }
        }
        return kept;
    }
}
