package org.weft.core.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of one room version, as flags the algorithms consult (spec "Room Versions", rooms/v1
 * to v11). One record per version, like Synapse's room_versions table: an algorithm asks
 * {@code version.integerPowerLevels()} rather than comparing version numbers.
 *
 * @param id                         the version string, e.g. "10"
 * @param eventIdFormat              how event IDs are formed
 * @param stateResolutionV2          state resolution v2 (v2+) instead of v1
 * @param enforceKeyValidity         signing keys must be valid at the event's time (v5+)
 * @param specialCaseAliasesAuth     m.room.aliases has its own auth rule (v1-v5)
 * @param strictCanonicalJson        integers out of range and floats are rejected (v6+)
 * @param limitNotificationsPowerLevels {@code notifications} power levels are checked (v6+)
 * @param knockJoinRule              the knock join rule and membership exist (v7+)
 * @param restrictedJoinRule         the restricted join rule exists (v8+)
 * @param restrictedJoinRuleFix      join_authorised_via_users_server is kept by redaction (v9+)
 * @param knockRestrictedJoinRule    the knock_restricted join rule exists (v10+)
 * @param integerPowerLevels         power level values must be integers, not strings (v10+)
 * @param v11RedactionAndEventFormat v11: no {@code creator} in m.room.create, {@code redacts} in
 *                                   content, updated redaction algorithm
 * @param stateResolutionV21         state resolution v2.1 (v12): the conflicted state subgraph, and
 *                                   the power events' auth checks start from an empty state
 * @param hashedRoomIds              the room ID is the create event's ID with sigil {@code !}; the
 *                                   create event has no {@code room_id} and is never among
 *                                   {@code auth_events} (v12)
 * @param privilegedCreators         the create event's sender and {@code additional_creators}
 *                                   have infinite power and are never listed in power levels (v12)
 */
public record RoomVersion(String id, EventIdFormat eventIdFormat, boolean stateResolutionV2,
                          boolean enforceKeyValidity, boolean specialCaseAliasesAuth,
                          boolean strictCanonicalJson, boolean limitNotificationsPowerLevels,
                          boolean knockJoinRule, boolean restrictedJoinRule, boolean restrictedJoinRuleFix,
                          boolean knockRestrictedJoinRule, boolean integerPowerLevels,
                          boolean v11RedactionAndEventFormat, boolean stateResolutionV21,
                          boolean hashedRoomIds, boolean privilegedCreators) {

    /** How a room version forms event IDs (rooms/v1 "Event IDs", v3, v4). */
    public enum EventIdFormat {
        /** {@code $opaque:server}, chosen by the sending server (v1, v2). */
        SERVER_ASSIGNED,
        /** {@code $} + standard unpadded base64 of the reference hash (v3). */
        REFERENCE_HASH_BASE64,
        /** {@code $} + URL-safe unpadded base64 of the reference hash (v4+). */
        REFERENCE_HASH_URL_SAFE
    }

    public static final RoomVersion V1 = new RoomVersion("1", EventIdFormat.SERVER_ASSIGNED,
            false, false, true, false, false, false, false, false, false, false, false, false, false, false);
    public static final RoomVersion V2 = new RoomVersion("2", EventIdFormat.SERVER_ASSIGNED,
            true, false, true, false, false, false, false, false, false, false, false, false, false, false);
    public static final RoomVersion V3 = new RoomVersion("3", EventIdFormat.REFERENCE_HASH_BASE64,
            true, false, true, false, false, false, false, false, false, false, false, false, false, false);
    public static final RoomVersion V4 = new RoomVersion("4", EventIdFormat.REFERENCE_HASH_URL_SAFE,
            true, false, true, false, false, false, false, false, false, false, false, false, false, false);
    public static final RoomVersion V5 = new RoomVersion("5", EventIdFormat.REFERENCE_HASH_URL_SAFE,
            true, true, true, false, false, false, false, false, false, false, false, false, false, false);
    public static final RoomVersion V6 = new RoomVersion("6", EventIdFormat.REFERENCE_HASH_URL_SAFE,
            true, true, false, true, true, false, false, false, false, false, false, false, false, false);
    public static final RoomVersion V7 = new RoomVersion("7", EventIdFormat.REFERENCE_HASH_URL_SAFE,
            true, true, false, true, true, true, false, false, false, false, false, false, false, false);
    public static final RoomVersion V8 = new RoomVersion("8", EventIdFormat.REFERENCE_HASH_URL_SAFE,
            true, true, false, true, true, true, true, false, false, false, false, false, false, false);
    public static final RoomVersion V9 = new RoomVersion("9", EventIdFormat.REFERENCE_HASH_URL_SAFE,
            true, true, false, true, true, true, true, true, false, false, false, false, false, false);
    public static final RoomVersion V10 = new RoomVersion("10", EventIdFormat.REFERENCE_HASH_URL_SAFE,
            true, true, false, true, true, true, true, true, true, true, false, false, false, false);
    public static final RoomVersion V11 = new RoomVersion("11", EventIdFormat.REFERENCE_HASH_URL_SAFE,
            true, true, false, true, true, true, true, true, true, true, true, false, false, false);

    /**
     * Room version 12 (rooms/v12): version 11's rules with state resolution v2.1, room IDs that
     * are the create event's hash, and privileged creators. Its rules are implemented here, but Weft
     * does not yet host rooms of it (the client API's room IDs without a server name), so it is
     * {@link #recognised} and not in {@link #all}.
     */
    public static final RoomVersion V12 = new RoomVersion("12", EventIdFormat.REFERENCE_HASH_URL_SAFE,
            true, true, false, true, true, true, true, true, true, true, true, true, true, true);

    private static final Map<String, RoomVersion> KNOWN = new LinkedHashMap<>();

    static {
        for (RoomVersion v : new RoomVersion[] {V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11}) {
            KNOWN.put(v.id(), v);
        }
    }

    /** The version with this ID, if Weft supports it. */
    public static Optional<RoomVersion> of(String id) {
        return Optional.ofNullable(KNOWN.get(id));
    }

    /**
     * A version whose rules Weft knows, hosted or not: what authorisation rule 1 calls a
     * "recognised version" of {@code content.room_version}, and what a remote room may use.
     */
    public static Optional<RoomVersion> recognised(String id) {
        return "12".equals(id) ? Optional.of(V12) : of(id);
    }

    /** Every supported version, oldest first. */
    public static Map<String, RoomVersion> all() {
        return java.util.Collections.unmodifiableMap(KNOWN);
    }

    /** Versions 1-11 are all "stable" in the spec's sense (capabilities, m.room_versions). */
    public boolean isStable() {
        return true;
    }
}
