package org.weft.core.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weft.core.crypto.JsonCopy;

/**
 * The redaction algorithm of each room version (client-server API, "Redactions"; rooms/v1 to v11,
 * "Redactions"): everything not needed by the protocol is stripped, leaving what auth rules,
 * state resolution, hashes and signatures depend on. Signing and reference hashes run on the
 * redacted form, so this must match other servers exactly.
 *
 * <p>The versions fall into families, each told apart by a {@link RoomVersion} flag:
 * <ul>
 *   <li>v1-v5 (fragment v1-redactions): the base lists, including {@code m.room.aliases}
 *       keeping {@code aliases};</li>
 *   <li>v6-v7 (fragment v6-redactions): {@code m.room.aliases} keeps nothing (flag
 *       {@code specialCaseAliasesAuth} off, as both changes came with v6);</li>
 *   <li>v8 (rooms/v8 "Redactions"): {@code m.room.join_rules} also keeps {@code allow}
 *       ({@code restrictedJoinRule});</li>
 *   <li>v9-v10 (fragment v9-redactions): {@code m.room.member} also keeps
 *       {@code join_authorised_via_users_server} ({@code restrictedJoinRuleFix});</li>
 *   <li>v11 (fragment v11-redactions, {@code v11RedactionAndEventFormat}): top-level
 *       {@code origin}, {@code membership} and {@code prev_state} are no longer kept;
 *       {@code m.room.create} keeps all content; {@code m.room.power_levels} keeps
 *       {@code invite}; {@code m.room.member} keeps {@code third_party_invite.signed};
 *       {@code m.room.redaction} keeps {@code redacts} in content.</li>
 * </ul>
 *
 * <p>No version keeps {@code unsigned} or a top-level {@code redacts}: neither is in any list.
 * Servers that show a redacted event to clients add {@code unsigned.redacted_because} afterwards;
 * that is not part of this algorithm.
 */
public final class Redaction {

    /** Top-level keys every version keeps. */
    private static final Set<String> KEYS = Set.of("event_id", "type", "room_id", "sender",
            "state_key", "content", "hashes", "signatures", "depth", "prev_events", "auth_events",
            "origin_server_ts");

    /** Top-level keys kept only before v11. */
    private static final Set<String> PRE_V11_KEYS = Set.of("origin", "membership", "prev_state");

    private static final List<String> POWER_LEVELS_KEYS = List.of("ban", "events", "events_default",
            "kick", "redact", "state_default", "users", "users_default");

    private Redaction() {
    }

    /**
     * The redacted form of {@code event} under the rules of {@code version}, as a new, deeply
     * copied map; the input is not modified.
     *
     * <p>{@code content} is present in the result exactly when the event had it. Content that is
     * not a JSON object has no keys to allow and is replaced by an empty object: the event
     * formats require an object, and hashing must not fail on a malformed remote event.
     */
    public static Map<String, Object> redact(Map<String, Object> event, RoomVersion version) {
        Map<String, Object> redacted = new LinkedHashMap<>();
        boolean v11 = version.v11RedactionAndEventFormat();
        for (Map.Entry<String, Object> e : event.entrySet()) {
            String key = e.getKey();
            if (KEYS.contains(key) || (!v11 && PRE_V11_KEYS.contains(key))) {
                redacted.put(key, JsonCopy.value(e.getValue()));
            }
        }
        if (event.containsKey("content")) {
            Object content = event.get("content");
            Map<?, ?> contentMap = content instanceof Map<?, ?> m ? m : Map.of();
            Object type = event.get("type");
            redacted.put("content", type instanceof String t ? redactContent(t, contentMap, version)
                    : new LinkedHashMap<String, Object>());
        }
        return redacted;
    }

    private static Map<String, Object> redactContent(String type, Map<?, ?> content, RoomVersion version) {
        Map<String, Object> kept = new LinkedHashMap<>();
        boolean v11 = version.v11RedactionAndEventFormat();
        switch (type) {
            case "m.room.member" -> {
                keep(content, kept, "membership");
                if (version.restrictedJoinRuleFix()) {
                    keep(content, kept, "join_authorised_via_users_server");
                }
                // v11 keeps third_party_invite, but only its "signed" member (rooms/v11 "Event format").
                if (v11 && content.get("third_party_invite") instanceof Map<?, ?> invite
                        && invite.containsKey("signed")) {
                    Map<String, Object> signedOnly = new LinkedHashMap<>();
                    signedOnly.put("signed", JsonCopy.value(invite.get("signed")));
                    kept.put("third_party_invite", signedOnly);
                }
            }
            case "m.room.create" -> {
                if (v11) {
                    // v11 dropped "creator" from the event and keeps the whole content instead.
                    for (Object key : content.keySet()) {
                        keep(content, kept, String.valueOf(key));
                    }
                } else {
                    keep(content, kept, "creator");
                }
            }
            case "m.room.join_rules" -> {
                keep(content, kept, "join_rule");
                if (version.restrictedJoinRule()) {
                    keep(content, kept, "allow");
                }
            }
            case "m.room.power_levels" -> {
                for (String key : POWER_LEVELS_KEYS) {
                    keep(content, kept, key);
                }
                if (v11) {
                    keep(content, kept, "invite");
                }
            }
            case "m.room.aliases" -> {
                // Only v1-v5 protect aliases; v6 dropped both their special auth rule and this.
                if (version.specialCaseAliasesAuth()) {
                    keep(content, kept, "aliases");
                }
            }
            case "m.room.history_visibility" -> keep(content, kept, "history_visibility");
            case "m.room.redaction" -> {
                if (v11) {
                    keep(content, kept, "redacts");
                }
            }
            default -> {
                // Every other event type keeps no content at all.
            }
        }
        return kept;
    }

    /** Copies {@code key} from {@code content} when present (an explicit null included). */
    private static void keep(Map<?, ?> content, Map<String, Object> kept, String key) {
        if (content.containsKey(key)) {
            kept.put(key, JsonCopy.value(content.get(key)));
        }
    }
}
