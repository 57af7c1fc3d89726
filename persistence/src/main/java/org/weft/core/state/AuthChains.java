package org.weft.core.state;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weft.core.event.Pdu;

/**
 * Auth chains and the auth difference (rooms/v2, "Auth chain", "Auth difference"). "The auth chain
 * of an event E is the set containing all of E's auth events, all of their auth events, and so on
 * recursively"; the auth difference of state sets S_i with full auth chains C_i is
 * "∪ C_i − ∩ C_i".
 *
 * <p>A state set's own events count as part of its auth chain, as in Synapse's chain cover index
 * (its "auth_chain_difference_algorithm" notes, worked example: a state event of S1 that S2
 * cannot reach is in the difference). Events that differ between the sets are in the conflicted
 * state set anyway; the choice matters for an unconflicted event that one set reaches only as
 * itself, which this reading keeps out of the difference, as every server running Synapse does.
 *
 * <p>One instance serves one resolution and remembers the chains it computed: the state sets of a
 * fork share most of their history, so each chain is walked once.
 */
public final class AuthChains {

    private final EventLookup events;
    private final Map<String, Set<String>> chains = new HashMap<>();

    public AuthChains(EventLookup events) {
        this.events = events;
    }

    /** The auth chain of one event (not including the event itself). */
    public Set<String> of(String eventId) {
        Set<String> known = chains.get(eventId);
        if (known != null) {
            return known;
        }
        // Iterative walk: an auth chain can be thousands of events deep, too deep for recursion.
        Set<String> chain = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(events.require(eventId).authEvents());
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (!chain.add(next)) {
                continue;
            }
            Set<String> cached = chains.get(next);
            if (cached != null) {
                chain.addAll(cached);
            } else {
                pending.addAll(events.require(next).authEvents());
            }
        }
        chains.put(eventId, chain);
        return chain;
    }

    /** The full auth chain of a state set: the union of its events' auth chains. */
    public Set<String> ofAll(Collection<String> eventIds) {
        Set<String> union = new HashSet<>();
        for (String eventId : eventIds) {
            union.addAll(of(eventId));
        }
        return union;
    }

    /** The auth difference of the state sets, given as the event IDs each holds. */
    public Set<String> difference(List<? extends Collection<String>> stateSets) {
        Set<String> union = new LinkedHashSet<>();
        Set<String> intersection = null;
        for (Collection<String> state : stateSets) {
            Set<String> chain = ofAll(state);
            chain.addAll(state);
            union.addAll(chain);
            if (intersection == null) {
                intersection = new HashSet<>(chain);
            } else {
                intersection.retainAll(chain);
            }
        }
        if (intersection != null) {
            union.removeAll(intersection);
        }
        return union;
    }

    /** The event's own auth events, for walks that need the edges rather than the closure. */
    List<String> authEventsOf(String eventId) {
        Pdu event = events.require(eventId);
        return event.authEvents();
    }
}
