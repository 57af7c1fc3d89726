package org.weft.ejb.push;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.auth.PowerLevels;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.core.json.Json;
import org.weft.core.push.PushContext;
import org.weft.core.push.PushRule;
import org.weft.core.push.PushRuleSet;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.events.StateCache;

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

    /**
     * @param state    the room's state after the event
     * @param position the event's stream position
     * @return the members it notifies (for delivery after commit)
     */
    public List<PushActionStore.Outcome> evaluate(RoomVersion version, RoomState state, Pdu pdu, long position) {
        String suffix = ":" + settings.serverName();
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
        if ("m.room.member".equals(pdu.type()) && "invite".equals(pdu.content().get("membership"))
                && pdu.stateKey().endsWith(suffix)) {
            local.add(pdu.stateKey()); // the invitee is not a member yet, but .m.rule.invite_for_me is for them
        }
        if (local.isEmpty()) {
            return List.of();
        }
        Pdu powerLevelsEvent = pdu(state.get("m.room.power_levels", ""));
        PowerLevels power = PowerLevels.of(powerLevelsEvent, pdu(state.get("m.room.create", "")), version);
        Map<String, Long> notificationLevels = notificationLevels(powerLevelsEvent);
        long senderLevel = power.userLevel(pdu.sender());
        Map<String, Object> event = pdu.json();

        List<PushActionStore.Outcome> outcomes = new ArrayList<>();
        Map<PushRule, String> actionsJson = new IdentityHashMap<>();
        for (String userId : local) {
            PushContext context = new PushContext(event, joined, displayNames.get(userId), senderLevel,
                    notificationLevels);
            PushRule rule = ruleSet(userId).match(context).orElse(null);
            if (rule != null && rule.actions().notifies()) {
                outcomes.add(new PushActionStore.Outcome(userId, rule.actions().highlight(),
                        actionsJson.computeIfAbsent(rule, r -> Json.write(r.json().get("actions")))));
            }
        }
        if (!outcomes.isEmpty()) {
            store.record(pdu.roomId(), position, pdu.eventId(), threadOf(pdu), pdu.originServerTs(), outcomes);
        }
        return outcomes;
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
