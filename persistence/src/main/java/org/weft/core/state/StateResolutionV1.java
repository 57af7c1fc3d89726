package org.weft.core.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.auth.AuthorizationException;
import org.weft.core.auth.EventAuthRules;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;

/**
 * State resolution version 1 (rooms/v1, "State resolution"), for room version 1 only: the spec
 * warns that it can reset a room's state to an older version; later versions use
 * {@link StateResolutionV2}.
 *
 * <p>"Start by setting R to the union of the states to be resolved, excluding any conflicting
 * events." Then the conflicts between {@code m.room.power_levels} events, then those between
 * {@code m.room.join_rules} events, then those between {@code m.room.member} events are resolved:
 * the events sorted "by ascending depth then descending sha1(event_id)", the first added to R and
 * each following one that "would be allowed by the authorisation rules for a room in state R"
 * replacing it, up to the first that would not. "For all other conflicts, just pick the event with
 * the highest depth and lowest sha1(event_id) that passes authentication in R".
 *
 * <p>Each {@code (type, state_key)} is resolved on its own, and R takes a pass's results when the
 * pass (power levels, join rules, members, the rest) is complete, so the order of keys within a
 * pass never matters; this is how Synapse reads the text, and rooms of version 1 live mostly there.
 */
public final class StateResolutionV1 {

    private static final String POWER_LEVELS = "m.room.power_levels";
    private static final String JOIN_RULES = "m.room.join_rules";
    private static final String MEMBER = "m.room.member";

    private StateResolutionV1() {
    }

    public static Map<StateKey, String> resolve(List<Map<StateKey, String>> stateSets, EventLookup events,
                                                RoomVersion version, EventAuthRules rules) {
        StateConflicts conflicts = StateConflicts.v1(stateSets);
        Map<StateKey, String> r = new LinkedHashMap<>(conflicts.unconflicted());
        for (String type : List.of(POWER_LEVELS, JOIN_RULES, MEMBER)) {
            Map<StateKey, String> pass = new LinkedHashMap<>();
            conflicts.conflicted().forEach((key, ids) -> {
                if (key.type().equals(type)) {
                    pass.put(key, resolveAuthEvents(key, ids, r, events, version, rules));
                }
            });
            r.putAll(pass);
        }
        Map<StateKey, String> others = new LinkedHashMap<>();
        conflicts.conflicted().forEach((key, ids) -> {
            if (!conflictsOfAuthTypes(key)) {
                others.put(key, resolveNormalEvents(ids, r, events, version, rules));
            }
        });
        r.putAll(others);
        return r;
    }

    private static boolean conflictsOfAuthTypes(StateKey key) {
        return key.type().equals(POWER_LEVELS) || key.type().equals(JOIN_RULES) || key.type().equals(MEMBER);
    }

    /** Ascending depth, then descending sha1: the first is added, each next one while allowed. */
    private static String resolveAuthEvents(StateKey key, List<String> ids, Map<StateKey, String> r,
                                            EventLookup events, RoomVersion version, EventAuthRules rules) {
        List<Pdu> sorted = byDepthAndHash(ids, events);
        Map<StateKey, String> state = new HashMap<>(r);
        Pdu winner = sorted.get(0);
        for (Pdu next : sorted.subList(1, sorted.size())) {
            state.put(key, winner.eventId());
            if (!allowed(next, state, events, version, rules)) {
                break;
            }
            winner = next;
        }
        return winner.eventId();
    }

    /** Highest depth, then lowest sha1, that passes authentication in R; else the last of them. */
    private static String resolveNormalEvents(List<String> ids, Map<StateKey, String> r, EventLookup events,
                                              RoomVersion version, EventAuthRules rules) {
        List<Pdu> sorted = byDepthAndHash(ids, events);
        for (int i = sorted.size() - 1; i >= 0; i--) {
            if (allowed(sorted.get(i), r, events, version, rules)) {
                return sorted.get(i).eventId();
            }
        }
        // None passes: the one ordered last, as Synapse does; the spec leaves this case open.
        return sorted.get(0).eventId();
    }

    private static boolean allowed(Pdu event, Map<StateKey, String> state, EventLookup events,
                                   RoomVersion version, EventAuthRules rules) {
        try {
            rules.authorize(event, version, (type, stateKey) -> {
                String id = state.get(StateKey.of(type, stateKey));
                return id == null ? null : events.require(id);
            });
            return true;
        } catch (AuthorizationException refused) {
            return false;
        }
    }

    /** Sorted by ascending depth, then descending sha1(event_id) as lower-case hex. */
    static List<Pdu> byDepthAndHash(List<String> ids, EventLookup events) {
        List<Pdu> sorted = new ArrayList<>();
        Map<String, String> hashes = new HashMap<>();
        for (String id : ids) {
            sorted.add(events.require(id));
            hashes.put(id, sha1Hex(id));
        }
        sorted.sort(Comparator.comparingLong(Pdu::depth)
                .thenComparing((Pdu e) -> hashes.get(e.eventId()), Comparator.reverseOrder()));
        return sorted;
    }

    static String sha1Hex(String eventId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(eventId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }
}
