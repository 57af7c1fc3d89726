package org.weft.ejb.events;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.weft.core.auth.EventAuthRules;
import org.weft.core.auth.ServerSignatureCheck;
import org.weft.core.auth.SignedThirdPartyInvites;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.core.state.EventLookup;
import org.weft.core.state.StateResolver;

/**
 * The room state at a point of the graph (spec "Room structure"; server-server API, "Checks
 * performed on receipt of a PDU", step 5): after an event, from its stored state group; before an
 * event, the resolution of the states after its {@code prev_events} by the room version's
 * algorithm (one state, in a room that never forked: no resolution at all).
 */
@Stateless
public class StateAtEvent {

    /**
     * The rules state resolution judges events by: signatures were checked when the events were
     * received, so the server-signature hook only looks for one.
     */
    public static final EventAuthRules RULES =
            new EventAuthRules(SignedThirdPartyInvites.INSTANCE, ServerSignatureCheck.SIGNATURE_PRESENT);

    @EJB
    EventReader reader;

    @EJB
    EventsAside aside;

    @EJB
    StateStore states;

    @jakarta.inject.Inject
    EventGroups groups;

    /** The state group after the event (before it, for a rejected one), or null when unknown or an outlier. */
    public Long groupAfter(String eventId) {
        Long group = groups.find(eventId);
        if (group != null) {
            return group;
        }
        group = reader.stateGroupOf(eventId);
        if (group == null) {
            EventsAside.AsideEvent found = aside.find(eventId);
            group = found == null ? null : found.stateGroup();
        }
        if (group != null) {
            groups.remember(eventId, group);
        }
        return group;
    }

    /**
     * The state before an event with these prev_events, or null when the state after one of them
     * is not known (the event is missing, or an outlier).
     */
    public RoomState before(RoomVersion version, List<String> prevEvents) {
        List<Map<StateKey, String>> sets = new ArrayList<>(prevEvents.size());
        for (String prev : prevEvents) {
            Long group = groupAfter(prev);
            if (group == null) {
                return null;
            }
            sets.add(states.load(group).entries());
        }
        return resolve(version, sets);
    }

    /** The resolution of several states, by the room version's algorithm. */
    public RoomState resolve(RoomVersion version, List<Map<StateKey, String>> sets) {
        if (sets.size() == 1) {
            return RoomState.of(sets.get(0));
        }
        return RoomState.of(StateResolver.resolve(version, sets, lookup(), RULES));
    }

    /** Events as state resolution reads them: any this server has, with rejections marked. */
    public EventLookup lookup() {
        return new EventLookup() {
            @Override
            public org.weft.core.event.Pdu event(String eventId) {
                return reader.pdu(eventId);
            }

            @Override
            public boolean rejected(String eventId) {
                return aside.isRejected(eventId);
            }
        };
    }
}
