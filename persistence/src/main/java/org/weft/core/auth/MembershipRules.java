package org.weft.core.auth;

import static org.weft.core.auth.AuthContext.reject;

import java.util.List;
import java.util.Map;
import org.weft.core.event.Pdu;

/**
 * The {@code m.room.member} authorisation rules: rule 5 of room versions 1-5
 * (rooms/fragments/v1-auth-rules.md, v3-auth-rules.md), rule 4 from version 6 on
 * (rooms/v6.md, v7.md), with {@code join_authorised_via_users_server} and the
 * {@code restricted} join rule from version 8 (rooms/fragments/v8-auth-rules.md),
 * {@code knock_restricted} from version 10 (rooms/v10.md) and the implicit creator of version 11
 * (rooms/v11.md). Sub-rule numbers in comments follow the v8 fragment; in earlier versions
 * there is no x.2 and the later sub-rules are numbered one lower.
 *
 * <p>Returns normally to allow; every rejection throws {@link AuthorizationException}.
 */
final class MembershipRules {

    private static final String VIA = "join_authorised_via_users_server";

    private MembershipRules() {
    }

    static void check(AuthContext ctx, ThirdPartyInviteVerifier thirdPartyInvites,
                      ServerSignatureCheck signatures) {
        Pdu event = ctx.event;
        Map<String, Object> content = event.content();
        String target = event.stateKey();
        // 4.1: "If there is no state_key property, or no membership property in content, reject."
        if (target == null) {
            throw reject("m.room.member event has no state_key");
        }
        if (!content.containsKey("membership")) {
            throw reject("m.room.member event has no membership in its content");
        }
        // 4.2 (v8+): an authorising user's server must have signed the event.
        if (ctx.version.restrictedJoinRule() && content.containsKey(VIA)) {
            String server = AuthContext.userDomain(asString(content.get(VIA)), VIA);
            if (!signatures.isSignedBy(event, server)) {
                throw reject("event is not signed by " + server + ", the server of the user in " + VIA);
            }
        }
        // A non-string membership matches none of the cases and ends at "unknown" (4.8).
        String membership = asString(content.get("membership"));
        switch (membership == null ? "" : membership) {
            case "join" -> join(ctx, target);
            case "invite" -> invite(ctx, target, thirdPartyInvites);
            case "leave" -> leave(ctx, target);
            case "ban" -> ban(ctx, target);
            case "knock" -> {
                // Knocking only exists from v7 on; before, it is an unknown membership.
                if (!ctx.version.knockJoinRule()) {
                    throw reject("membership knock is not supported in room version " + ctx.version.id());
                }
                knock(ctx, target);
            }
            // 4.8: "Otherwise, the membership is unknown. Reject."
            default -> throw reject("unknown membership " + PowerLevels.describe(content.get("membership")));
        }
    }

    /** 4.3: {@code membership} is {@code join}. */
    private static void join(AuthContext ctx, String target) {
        Pdu event = ctx.event;
        String sender = event.sender();
        // 4.3.1: "If the only previous event is an m.room.create and the state_key is the
        // creator, allow." The creator is content.creator before v11, the create sender in v11.
        Pdu create = ctx.create();
        List<String> prev = event.prevEvents();
        if (prev.size() == 1 && create != null && prev.get(0).equals(create.eventId())
                && target.equals(PowerLevels.creatorOf(create, ctx.version))) {
            return;
        }
        // 4.3.2: "If the sender does not match state_key, reject."
        if (!target.equals(sender)) {
            throw reject("sender " + sender + " cannot join the room on behalf of " + target);
        }
        // 4.3.3: "If the sender is banned, reject."
        String current = ctx.membership(sender);
        if ("ban".equals(current)) {
            throw reject(sender + " is banned from the room");
        }
        boolean invitedOrJoined = "invite".equals(current) || "join".equals(current);
        String rule = ctx.joinRule();
        // 4.3.4: join rule invite (or, from v7, knock): "allow if membership state is invite or
        // join".
        if ("invite".equals(rule) || ("knock".equals(rule) && ctx.version.knockJoinRule())) {
            if (invitedOrJoined) {
                return;
            }
            throw reject("join rule is " + rule + " and " + sender + " has not been invited");
        }
        // 4.3.5 (v8+): restricted (and, from v10, knock_restricted).
        boolean restricted = ("restricted".equals(rule) && ctx.version.restrictedJoinRule())
                || ("knock_restricted".equals(rule) && ctx.version.knockRestrictedJoinRule());
        if (restricted) {
            // 4.3.5.1: "If membership state is join or invite, allow."
            if (invitedOrJoined) {
                return;
            }
            // 4.3.5.2: the authorising user must be joined and able to invite.
            restrictedJoin(ctx, rule);
            // 4.3.5.3: "Otherwise, allow."
            return;
        }
        // 4.3.6: "If the join_rule is public, allow."
        if ("public".equals(rule)) {
            return;
        }
        // 4.3.7: "Otherwise, reject."
        throw reject("join rule " + PowerLevels.describe(rule) + " does not allow " + sender
                + " to join in room version " + ctx.version.id());
    }

    /**
     * 4.3.5.2: "If the join_authorised_via_users_server key in content is not a user with
     * sufficient permission to invite other users or is not a joined member of the room,
     * reject." A missing key names no such user, so it rejects too.
     */
    private static void restrictedJoin(AuthContext ctx, String rule) {
        String via = asString(ctx.event.content().get(VIA));
        if (via == null) {
            throw reject("join rule is " + rule + ", the sender is not invited and the event has no "
                    + VIA);
        }
        if (!ctx.isJoined(via)) {
            throw reject(VIA + " " + via + " is not joined to the room");
        }
        long viaLevel = ctx.powerLevels().userLevel(via);
        long inviteLevel = ctx.powerLevels().invite();
        if (viaLevel < inviteLevel) {
            throw reject(VIA + " " + via + " has power level " + viaLevel + ", below the invite level "
                    + inviteLevel);
        }
    }

    /** 4.4: {@code membership} is {@code invite}. */
    private static void invite(AuthContext ctx, String target, ThirdPartyInviteVerifier verifier) {
        Pdu event = ctx.event;
        String sender = event.sender();
        // 4.4.1: "If content has a third_party_invite property" the third-party rules decide.
        if (event.content().containsKey("third_party_invite")) {
            thirdPartyInvite(ctx, target, verifier);
            return;
        }
        // 4.4.2: "If the sender's current membership state is not join, reject."
        if (!ctx.isJoined(sender)) {
            throw reject("sender " + sender + " is not joined to the room, so cannot invite");
        }
        // 4.4.3: "If target user's current membership state is join or ban, reject."
        String targetMembership = ctx.membership(target);
        if ("join".equals(targetMembership) || "ban".equals(targetMembership)) {
            throw reject("cannot invite " + target + ", whose membership is " + targetMembership);
        }
        // 4.4.4: "If the sender's power level is greater than or equal to the invite level,
        // allow." 4.4.5: "Otherwise, reject."
        requireLevel(ctx, ctx.powerLevels().invite(), "invite users");
    }

    /** 4.4.1: an invite carrying a third-party invite token. */
    private static void thirdPartyInvite(AuthContext ctx, String target, ThirdPartyInviteVerifier verifier) {
        Pdu event = ctx.event;
        // 4.4.1.1: "If target user is banned, reject."
        if ("ban".equals(ctx.membership(target))) {
            throw reject(target + " is banned from the room");
        }
        // 4.4.1.2: "If content.third_party_invite does not have a signed property, reject."
        Map<String, Object> thirdParty = object(event.content().get("third_party_invite"));
        Map<String, Object> signed = thirdParty == null ? null : object(thirdParty.get("signed"));
        if (signed == null) {
            throw reject("third_party_invite has no signed object");
        }
        // 4.4.1.3: "If signed does not have mxid and token properties, reject."
        String mxid = asString(signed.get("mxid"));
        String token = asString(signed.get("token"));
        if (mxid == null || token == null) {
            throw reject("third_party_invite.signed lacks mxid or token");
        }
        // 4.4.1.4: "If mxid does not match state_key, reject."
        if (!mxid.equals(target)) {
            throw reject("third_party_invite is for " + mxid + ", not " + target);
        }
        // 4.4.1.5: there must be an m.room.third_party_invite event for the token.
        Pdu invite = ctx.get(AuthContext.THIRD_PARTY_INVITE, token);
        if (invite == null) {
            throw reject("no m.room.third_party_invite event exists for token " + token);
        }
        // 4.4.1.6: "If sender does not match sender of the m.room.third_party_invite, reject."
        if (!event.sender().equals(invite.sender())) {
            throw reject("the m.room.third_party_invite was sent by " + invite.sender() + ", not "
                    + event.sender());
        }
        // 4.4.1.7: a signature in signed must match a public key of the invite; 4.4.1.8:
        // otherwise reject.
        if (!verifier.anySignatureMatches(signed, invite)) {
            throw reject("no signature in third_party_invite.signed matches a public key of the"
                    + " m.room.third_party_invite event");
        }
    }

    /** 4.5: {@code membership} is {@code leave} (leaving, rejecting an invite, kick, unban). */
    private static void leave(AuthContext ctx, String target) {
        String sender = ctx.event.sender();
        // 4.5.1: own leave allowed iff currently invite or join (v7+: or knock).
        if (sender.equals(target)) {
            String current = ctx.membership(sender);
            boolean allowed = "invite".equals(current) || "join".equals(current)
                    || ("knock".equals(current) && ctx.version.knockJoinRule());
            if (allowed) {
                return;
            }
            throw reject(sender + " cannot leave with membership " + current);
        }
        // 4.5.2: "If the sender's current membership state is not join, reject."
        if (!ctx.isJoined(sender)) {
            throw reject("sender " + sender + " is not joined to the room, so cannot kick or unban");
        }
        PowerLevels levels = ctx.powerLevels();
        long senderLevel = levels.userLevel(sender);
        long targetLevel = levels.userLevel(target);
        // 4.5.3: unbanning needs the ban level.
        if ("ban".equals(ctx.membership(target)) && senderLevel < levels.ban()) {
            throw reject("sender's power level " + senderLevel + " is below the ban level "
                    + levels.ban() + " required to unban " + target);
        }
        // 4.5.4: kick level and a level above the target's; 4.5.5: otherwise reject.
        if (senderLevel < levels.kick()) {
            throw reject("sender's power level " + senderLevel + " is below the kick level " + levels.kick());
        }
        if (targetLevel >= senderLevel) {
            throw reject("cannot kick " + target + " whose power level " + targetLevel
                    + " is not below the sender's " + senderLevel);
        }
    }

    /** 4.6: {@code membership} is {@code ban}. */
    private static void ban(AuthContext ctx, String target) {
        String sender = ctx.event.sender();
        // 4.6.1: "If the sender's current membership state is not join, reject."
        if (!ctx.isJoined(sender)) {
            throw reject("sender " + sender + " is not joined to the room, so cannot ban");
        }
        // 4.6.2: ban level and a level above the target's; 4.6.3: otherwise reject.
        PowerLevels levels = ctx.powerLevels();
        long senderLevel = levels.userLevel(sender);
        long targetLevel = levels.userLevel(target);
        if (senderLevel < levels.ban()) {
            throw reject("sender's power level " + senderLevel + " is below the ban level " + levels.ban());
        }
        if (targetLevel >= senderLevel) {
            throw reject("cannot ban " + target + " whose power level " + targetLevel
                    + " is not below the sender's " + senderLevel);
        }
    }

    /** 4.7 (v7+): {@code membership} is {@code knock}. */
    private static void knock(AuthContext ctx, String target) {
        String sender = ctx.event.sender();
        // 4.7.1: join rule must be knock (v10+: or knock_restricted).
        String rule = ctx.joinRule();
        boolean knockable = "knock".equals(rule)
                || ("knock_restricted".equals(rule) && ctx.version.knockRestrictedJoinRule());
        if (!knockable) {
            throw reject("join rule " + PowerLevels.describe(rule) + " does not allow knocking in room version "
                    + ctx.version.id());
        }
        // 4.7.2: "If sender does not match state_key, reject."
        if (!sender.equals(target)) {
            throw reject("sender " + sender + " cannot knock on behalf of " + target);
        }
        // 4.7.3: allow unless banned, invited or joined; 4.7.4: otherwise reject.
        String current = ctx.membership(sender);
        if ("ban".equals(current) || "invite".equals(current) || "join".equals(current)) {
            throw reject(sender + " cannot knock with membership " + current);
        }
    }

    /** Rejects unless the sender's level reaches {@code required}. */
    static void requireLevel(AuthContext ctx, long required, String action) {
        long level = ctx.senderLevel();
        if (level < required) {
            throw reject("sender's power level " + level + " is below the " + required + " required to "
                    + action);
        }
    }

    private static String asString(Object value) {
        return value instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}
