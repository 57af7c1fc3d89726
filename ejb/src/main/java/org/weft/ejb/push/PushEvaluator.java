package org.weft.ejb.push;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.auth.PowerLevels;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.core.push.PushContext;
import org.weft.core.push.PushRule;
import org.weft.core.push.PushRuleSet;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.events.StateCache;
import org.weft.ejb.tx.StatementBatch;
import org.weft.ejb.tx.TransactionEnd;

/**
 * Evaluates every new event against the push rules of each local member but the sender (and of a
 * local user it invites), inside the event's own transaction, so unread counts never lag the
 * timeline (client-server API, "Push Rules"; "Homeservers MUST NOT notify ... for events that the
 * user has sent themselves"). Rules come compiled from {@link PushRuleCache}; the room's state is
 * read once per event, not once per member.
 */
@ApplicationScoped
public class PushEvaluator {

    @Inject
    PushRuleCache cache;

    @Inject
    org.weft.ejb.ephemeral.IgnoredUsers ignoredUsers;

    @EJB
    PushRulesService rules;

    @Inject
    PushActionStore store;

    @Inject
    StateCache stateCache;

    @EJB
    EventReader reader;

    @Inject
    WeftSettings settings;

    @EJB
    PushDeliveryStore deliveries;

    @EJB
    PushDeliveryTimer delivery;

    @jakarta.annotation.Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    /**
     * @param before   the room's state before the event
     * @param position the event's stream position
     * @param writes   the event's batch of writes, which the outcomes join (written with the event)
     * @return the outcomes: the common one and each member's exception (kept in memory with the
     *         event, so a woken /sync can count without the database)
     */
    public PushActionStore.EventOutcomes evaluate(RoomVersion version, RoomState before, Pdu pdu, long position,
                                                  StatementBatch writes) {
        String suffix = ":" + settings.serverName();
        RoomState state = pdu.isState() ? before.with(new StateKey(pdu.type(), pdu.stateKey()), pdu.eventId()) : before;
        if ("m.room.member".equals(pdu.type()) && pdu.stateKey().endsWith(suffix)) {
            Pdu previous = pdu(before.get("m.room.member", pdu.stateKey()));
            boolean wasJoined = previous != null && "join".equals(previous.content().get("membership"));
            store.membershipChanged(pdu.roomId(), pdu.stateKey(), wasJoined,
                    "join".equals(pdu.content().get("membership")), position);
        }
        List<String> local = new ArrayList<>();
        Map<String, String> displayNames = new HashMap<>();
        long joined = 0;
        for (Map.Entry<StateKey, String> entry : state.entries().entrySet()) {
            if (!"m.room.member".equals(entry.getKey().type())) {
                continue;
            }
            Pdu member = pdu(entry.getValue());
            Object membership = member == null ? null : member.content().get("membership");
            if (!"join".equals(membership)) {
                continue;
            }
            joined++;
            String userId = entry.getKey().stateKey();
            if (userId.endsWith(suffix) && !userId.equals(pdu.sender())) {
                local.add(userId);
                if (member.content().get("displayname") instanceof String name) {
                    displayNames.put(userId, name);
                }
            }
        }
        boolean invited = "m.room.member".equals(pdu.type()) && "invite".equals(pdu.content().get("membership"))
                && pdu.stateKey().endsWith(suffix);
        if (invited) {
            local.add(pdu.stateKey()); // the invitee is not a member yet, but .m.rule.invite_for_me is for them
        }
        if (local.isEmpty()) {
            return new PushActionStore.EventOutcomes(pdu.roomId(), position, pdu.eventId(), pdu.sender(), threadOf(pdu),
                    pdu.originServerTs(), PushActionStore.Outcome.NONE, Map.of());
        }
        Pdu powerLevelsEvent = pdu(state.get("m.room.power_levels", ""));
        PowerLevels power = PowerLevels.of(powerLevelsEvent, pdu(state.get("m.room.create", "")), version);
        Map<String, Long> notificationLevels = notificationLevels(powerLevelsEvent);
        long senderLevel = power.userLevel(pdu.sender());
        Map<String, Object> event = pdu.json();

        // Each member's outcome; members with the same outcome share one stored row (PushActionStore).
        Map<String, PushActionStore.Outcome> outcomes = new HashMap<>();
        Map<String, PushActionStore.Outcome> byActions = new HashMap<>();
        PushContext base = new PushContext(event, joined, null, null, senderLevel, notificationLevels);
        // Users with the same rule set (everyone who changed nothing shares one) share the
        // user-independent half of the work.
        Map<PushRuleSet, PushRuleSet.Prepared> prepared = new java.util.IdentityHashMap<>();
        for (String userId : local) {
            if (ignoredUsers.of(userId).contains(pdu.sender())) {
                outcomes.put(userId, PushActionStore.Outcome.NONE); // nothing of an ignored user notifies
                continue;
            }
            PushRule rule = prepared.computeIfAbsent(ruleSet(userId), set -> set.prepare(base))
                    .match(base.forUser(userId, displayNames.get(userId)));
            PushActionStore.Outcome outcome = rule == null || !rule.actions().notifies() ? PushActionStore.Outcome.NONE
                    : byActions.computeIfAbsent(rule.actionsJson(), json -> new PushActionStore.Outcome(true,
                            rule.actions().highlight(), json));
            outcomes.put(userId, outcome);
        }
        String invitee = local.size() > 0 && invited ? local.get(local.size() - 1) : null;
        PushActionStore.Outcome common = mostCommon(outcomes, invitee);
        Map<String, PushActionStore.Outcome> exceptions = new HashMap<>();
        outcomes.forEach((userId, outcome) -> {
            // The common outcome applies to joined members only: an invitee is always written out.
            if (userId.equals(invitee) ? outcome.notifies() : !outcome.equals(common)) {
                exceptions.put(userId, outcome);
            }
        });
        PushActionStore.EventOutcomes decided = new PushActionStore.EventOutcomes(pdu.roomId(), position, pdu.eventId(),
                pdu.sender(), threadOf(pdu), pdu.originServerTs(), common, Map.copyOf(exceptions));
        if (common.notifies() || !exceptions.isEmpty()) {
            store.addTo(writes, decided);
            long due = deliveries.enqueue(pdu.roomId(), pdu.eventId(), position, outcomes);
            if (due != Long.MAX_VALUE) {
                kickAfterCommit(due);
            }
        }
        return decided;
    }

    private static PushActionStore.Outcome mostCommon(Map<String, PushActionStore.Outcome> outcomes, String invitee) {
        Map<PushActionStore.Outcome, Integer> tally = new HashMap<>();
        outcomes.forEach((userId, outcome) -> {
            if (!userId.equals(invitee)) {
                tally.merge(outcome, 1, Integer::sum);
            }
        });
        return tally.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(PushActionStore.Outcome.NONE);
    }

    /** Delivery starts once the event is committed: a gateway must never hear of an event that is not. */
    private void kickAfterCommit(long due) {
        TransactionEnd.afterCommit(transactions, () -> delivery.kickAt(due));
    }

    private PushRuleSet ruleSet(String userId) {
        PushRuleSet cached = cache.get(userId);
        return cached != null ? cached : rules.ruleSet(userId);
    }

    /** The thread an event belongs to (client-server API, "Threading"), or null for the main timeline. */
    static String threadOf(Pdu pdu) {
        if (pdu.content().get("m.relates_to") instanceof Map<?, ?> relation && "m.thread".equals(relation.get("rel_type"))
                && relation.get("event_id") instanceof String root) {
            return root;
        }
        return null;
    }

    private static Map<String, Long> notificationLevels(Pdu powerLevels) {
        Map<String, Long> levels = new HashMap<>();
        if (powerLevels != null && powerLevels.content().get("notifications") instanceof Map<?, ?> notifications) {
            for (Map.Entry<?, ?> entry : notifications.entrySet()) {
                if (entry.getValue() instanceof Number n) {
                    levels.put(String.valueOf(entry.getKey()), n.longValue());
                }
            }
        }
        return levels;
    }

    private Pdu pdu(String eventId) {
        if (eventId == null) {
            return null;
        }
        Pdu cached = stateCache.event(eventId);
        return cached != null ? cached : reader.pdu(eventId);
    }
}
