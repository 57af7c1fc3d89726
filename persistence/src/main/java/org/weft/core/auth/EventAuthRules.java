package org.weft.core.auth;

import static org.weft.core.auth.AuthContext.reject;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.weft.core.event.EventIds;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.id.RoomId;

/**
 * The authorisation rules for events, room versions 1-12 (rooms/v1..v12, "Authorisation
 * rules"; rooms/fragments/v1-auth-rules.md for v1-v2, v3-auth-rules.md for v3-v5, rooms/v6.md and
 * v7.md, fragments/v8-auth-rules.md for v8-v9, rooms/v10.md, rooms/v11.md, rooms/v12.md: room ID
 * from the create event, its new rules 1.2, 1.4 and 2, and creators of infinite power,
 * {@link PowerLevels#INFINITE}, who may not be listed in power levels, rule 10.4). Used for steps 4-6
 * of the server-server API's "Checks performed on receipt of a PDU" (against the auth events,
 * the state before the event and the current state) and for events Weft creates itself.
 *
 * <p>Rule numbers in comments are those of room versions 6-11, where m.room.aliases has no rule
 * of its own; versions 1-5 insert the aliases rule as 4 and number the later rules one higher.
 * Behaviour that differs between versions is selected by {@link RoomVersion} flags.
 *
 * <p>Rules 2.1-2.3 concern the event's {@code auth_events} list itself (duplicates, entries the
 * selection algorithm would not choose, rejected entries) rather than the state; they are
 * checked by {@link AuthEventSelection#checkAuthEvents} for step 4, where that list is known.
 * Rule 2.3 (no rejected auth events) needs the store's rejection flags and stays with the caller.
 *
 * <p>Signature verification is step 2 of the receipt checks, not part of these rules; the two
 * points where the rules depend on signatures are hooks: {@link ThirdPartyInviteVerifier} and
 * {@link ServerSignatureCheck}.
 */
public final class EventAuthRules {

    private static final EventAuthRules DEFAULT =
            new EventAuthRules(SignedThirdPartyInvites.INSTANCE, ServerSignatureCheck.SIGNATURE_PRESENT);

    private final ThirdPartyInviteVerifier thirdPartyInvites;
    private final ServerSignatureCheck signatures;

    public EventAuthRules(ThirdPartyInviteVerifier thirdPartyInvites, ServerSignatureCheck signatures) {
        this.thirdPartyInvites = Objects.requireNonNull(thirdPartyInvites);
        this.signatures = Objects.requireNonNull(signatures);
    }

    /**
     * Authorises {@code event} with the default hooks (third-party invites checked by
     * {@link SignedThirdPartyInvites}).
     *
     * @param auth the state to authorise against: the event's auth events or the room state
     * @throws AuthorizationException naming the rule the event fails
     */
    public static void check(Pdu event, RoomVersion version, AuthEvents auth) {
        DEFAULT.authorize(event, version, auth);
    }

    /** As {@link #check}, with this instance's hooks. */
    public void authorize(Pdu event, RoomVersion version, AuthEvents auth) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(auth, "auth");
        String type = event.type();
        String sender = event.sender();
        if (type == null || sender == null) {
            // Not a valid event in any room version; reject rather than fail on a null below.
            throw reject("event has no type or no sender");
        }
        // 1: m.room.create is authorised on its own.
        if (AuthContext.CREATE.equals(type)) {
            checkCreate(event, version);
            return;
        }
        AuthContext ctx = new AuthContext(event, version, auth);
        // 2.4: "If there is no m.room.create event among the entries, reject." (2.5, the room_id
        // of each consulted auth event, is enforced by every AuthContext lookup.)
        Pdu create = ctx.create();
        if (create == null) {
            throw reject("no m.room.create event among the auth events");
        }
        // v12 rule 2: "If the event's room_id is not an event ID for an accepted (not rejected)
        // m.room.create event, with the sigil ! instead of $, reject." (Whether the create event
        // was rejected is the store's knowledge, as for rule 3.3.)
        if (version.hashedRoomIds() && !EventIds.roomIdOfCreateEvent(create.eventId()).equals(event.roomId())) {
            throw reject("room_id " + event.roomId() + " is not the ID of the room's create event " + create.eventId());
        }
        // 3: "If the content of the m.room.create event in the room state has the property
        // m.federate set to false, and the sender domain of the event does not match the sender
        // domain of the create event, reject."
        if (Boolean.FALSE.equals(create.content().get("m.federate"))) {
            String senderDomain = AuthContext.userDomain(sender, "sender");
            String creatorDomain = AuthContext.userDomain(create.sender(), "m.room.create sender");
            if (!senderDomain.equals(creatorDomain)) {
                throw reject("the room does not federate (m.federate is false) and " + sender
                        + " is not on the creating server " + creatorDomain);
            }
        }
        // v1-v5 rule 4: m.room.aliases is authorised by domain alone (removed in v6, after which
        // it is an ordinary state event).
        if (version.specialCaseAliasesAuth() && "m.room.aliases".equals(type)) {
            checkAliases(event);
            return;
        }
        // 4: m.room.member has its own rules.
        if (AuthContext.MEMBER.equals(type)) {
            MembershipRules.check(ctx, thirdPartyInvites, signatures);
            return;
        }
        // 5: "If the sender's current membership state is not join, reject."
        if (!ctx.isJoined(sender)) {
            throw reject("sender " + sender + " is not joined to the room");
        }
        // 6: m.room.third_party_invite: "Allow if and only if sender's current power level is
        // greater than or equal to the invite level."
        if (AuthContext.THIRD_PARTY_INVITE.equals(type)) {
            MembershipRules.requireLevel(ctx, ctx.powerLevels().invite(), "send " + type);
            return;
        }
        // 7: "If the event type's required power level is greater than the sender's power
        // level, reject."
        long required = ctx.powerLevels().requiredForEvent(type, event.isState());
        MembershipRules.requireLevel(ctx, required, "send " + type);
        // 8: "If the event has a state_key that starts with an @ and does not match the sender,
        // reject."
        String stateKey = event.stateKey();
        if (stateKey != null && stateKey.startsWith("@") && !stateKey.equals(sender)) {
            throw reject("state_key " + stateKey + " starts with @ but is not the sender " + sender);
        }
        // 9: m.room.power_levels changes.
        if (AuthContext.POWER_LEVELS.equals(type)) {
            PowerLevelChangeRules.check(ctx);
            return;
        }
        // v1-v2 rule 11: redactions. From v3 the redact level is not part of the auth rules
        // (fragments/v3-auth-rules.md); RedactionRules decides whether to apply a redaction. v1
        // and v2 are the versions with server-assigned event IDs, whose domain the rule uses.
        if ("m.room.redaction".equals(type)
                && version.eventIdFormat() == RoomVersion.EventIdFormat.SERVER_ASSIGNED) {
            checkRedactionV1(ctx);
        }
        // 10: "Otherwise, allow."
    }

    /** Rule 1: m.room.create. */
    private static void checkCreate(Pdu event, RoomVersion version) {
        // 1.1: "If it has any prev_events, reject." Read raw so malformed entries count too.
        if (event.json().get("prev_events") instanceof List<?> prev && !prev.isEmpty()) {
            throw reject("m.room.create must not have prev_events");
        }
        if (version.hashedRoomIds()) {
            checkCreateOfHashedRoom(event);
            return;
        }
        // 1.2: "If the domain of the room_id does not match the domain of the sender, reject."
        String senderDomain = AuthContext.userDomain(event.sender(), "sender");
        String roomDomain;
        try {
            RoomId roomId = RoomId.parse(event.roomId());
            roomDomain = roomId.server() == null ? null : roomId.server().toString();
        } catch (IllegalArgumentException | NullPointerException e) {
            roomDomain = null;
        }
        if (!senderDomain.equals(roomDomain)) {
            throw reject("the domain of room ID " + event.roomId() + " does not match the sender's domain "
                    + senderDomain);
        }
        // 1.3: "If content.room_version is present and is not a recognised version, reject."
        Map<String, Object> content = event.content();
        checkRoomVersionProperty(content);
        // 1.4 (v1-v10): "If content has no creator property, reject." Version 11 dropped the
        // property; the create event's sender is the creator.
        if (!version.v11RedactionAndEventFormat() && !content.containsKey("creator")) {
            throw reject("m.room.create content has no creator (required in room version " + version.id() + ")");
        }
        // 1.5: "Otherwise, allow."
    }

    /** 1.3: "If content.room_version is present and is not a recognised version, reject." */
    private static void checkRoomVersionProperty(Map<String, Object> content) {
        if (content.containsKey("room_version")) {
            Object roomVersion = content.get("room_version");
            if (!(roomVersion instanceof String id) || RoomVersion.recognised(id).isEmpty()) {
                throw reject("unrecognised room_version " + PowerLevels.describe(roomVersion));
            }
        }
    }

    /** Rule 1 of room version 12 (the prev_events check, 1.1, has been made by the caller). */
    private static void checkCreateOfHashedRoom(Pdu event) {
        // 1.2: "If the event has a room_id, reject."
        if (event.json().containsKey("room_id")) {
            throw reject("m.room.create must not have a room_id in room version 12: the room ID is the event's own ID");
        }
        AuthContext.userDomain(event.sender(), "sender");
        // 1.3, as in earlier versions.
        checkRoomVersionProperty(event.content());
        // 1.4: "If additional_creators is present in content and is not an array of strings
        // where each string passes the same user ID validation applied to sender, reject."
        Map<String, Object> content = event.content();
        if (content.containsKey("additional_creators")) {
            if (!(content.get("additional_creators") instanceof List<?> creators)) {
                throw reject("additional_creators must be an array of user IDs");
            }
            for (Object creator : creators) {
                if (!(creator instanceof String userId)) {
                    throw reject("additional_creators must be an array of user IDs, not " + PowerLevels.describe(creator));
                }
                AuthContext.userDomain(userId, "additional_creators entry");
            }
        }
        // 1.5: "Otherwise, allow."
    }

    /** v1-v5 rule 4: m.room.aliases. */
    private static void checkAliases(Pdu event) {
        // 4.1: "If event has no state_key, reject."
        String stateKey = event.stateKey();
        if (stateKey == null) {
            throw reject("m.room.aliases event has no state_key");
        }
        // 4.2: "If sender's domain doesn't match state_key, reject." 4.3: "Otherwise, allow."
        String domain = AuthContext.userDomain(event.sender(), "sender");
        if (!domain.equals(stateKey)) {
            throw reject("m.room.aliases state_key " + stateKey + " is not the sender's domain " + domain);
        }
    }

    /**
     * v1-v2 rule 11: "If the sender's power level is greater than or equal to the redact level,
     * allow. If the domain of the event_id of the event being redacted is the same as the domain
     * of the event_id of the m.room.redaction, allow. Otherwise, reject." {@code redacts} is the
     * top-level property in these versions (it moved into content only in v11).
     */
    private static void checkRedactionV1(AuthContext ctx) {
        long level = ctx.senderLevel();
        long redact = ctx.powerLevels().redact();
        if (level >= redact) {
            return;
        }
        Object redacts = ctx.event.json().get("redacts");
        String target = redacts instanceof String s ? AuthContext.idDomain(s) : null;
        String own = AuthContext.idDomain(ctx.event.eventId());
        if (target != null && target.equals(own)) {
            return;
        }
        throw reject("sender's power level " + level + " is below the redact level " + redact
                + " and the redacted event " + redacts + " is from another server");
    }
}
