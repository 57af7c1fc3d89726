package org.weft.ejb.events;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.weft.core.event.StateKey;
import org.weft.persistence.rooms.StateGroupEntity;
import org.weft.persistence.rooms.StateGroupEntryEntity;

/**
 * State groups: the state of a room after each event, stored as deltas over the previous group
 * with a whole snapshot every {@value #MAX_CHAIN} links, so reading any group costs a bounded
 * number of queries and storing a state change costs one row (spec "Room structure": "state at an
 * event"; federation and /messages need it).
 */
@Stateless
public class StateStore {

    /** Longest delta chain before a group is stored whole. */
    static final int MAX_CHAIN = 50;

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    StateCache cache;

    @EJB
    StreamIdGenerator ids;

    /** The state a group stands for. */
    public RoomState load(long groupId) {
        RoomState cached = cache.group(groupId);
        if (cached != null) {
            return cached;
        }
        // Walk back to a whole group (or a cached one), then apply the deltas forwards.
        Deque<StateGroupEntity> chain = new ArrayDeque<>();
        RoomState base = null;
        Long current = groupId;
        while (current != null) {
            RoomState hit = cache.group(current);
            if (hit != null) {
                base = hit;
                break;
            }
            StateGroupEntity group = em.find(StateGroupEntity.class, current);
            if (group == null) {
                throw new IllegalStateException("Missing state group " + current);
            }
            chain.push(group);
            current = group.getPrevGroup();
        }
        Map<StateKey, String> entries = base == null ? new HashMap<>() : new HashMap<>(base.entries());
        while (!chain.isEmpty()) {
            StateGroupEntity group = chain.pop();
            for (StateGroupEntryEntity entry : em.createNamedQuery(StateGroupEntryEntity.FIND_BY_GROUP,
                    StateGroupEntryEntity.class).setParameter("groupId", group.getId()).getResultList()) {
                entries.put(new StateKey(entry.getType(), entry.getStateKey()), entry.getEventId());
            }
        }
        RoomState state = RoomState.of(entries);
        cache.putGroup(groupId, state);
        return state;
    }

    /**
     * Stores the state after a state event: {@code previous} with one entry replaced.
     *
     * @param previousGroup the group of {@code previous}, or null for a room's first event
     */
    public long store(String roomId, Long previousGroup, RoomState previous, StateKey key, String eventId) {
        long id = ids.nextStateGroupId();
        RoomState next = previous.with(key, eventId);
        int chainLength = previousGroup == null ? 0 : em.find(StateGroupEntity.class, previousGroup).getChainLength() + 1;
        if (previousGroup == null || chainLength >= MAX_CHAIN) {
            em.persist(new StateGroupEntity(id, roomId, null, 0));
            next.entries().forEach((k, v) -> em.persist(new StateGroupEntryEntity(id, k.type(), k.stateKey(), v)));
        } else {
            em.persist(new StateGroupEntity(id, roomId, previousGroup, chainLength));
            em.persist(new StateGroupEntryEntity(id, key.type(), key.stateKey(), eventId));
        }
        cache.putGroup(id, next);
        return id;
    }

    /**
     * Stores a state that may differ from {@code base} in any number of entries (a remote event's
     * state, or a resolution of several): as a delta when it only adds or replaces entries, whole
     * when it drops one or the chain is long. Returns {@code baseGroup} itself when nothing differs.
     *
     * @param baseGroup a group to build on, or null to store the state whole
     */
    public long storeState(String roomId, Long baseGroup, RoomState next) {
        RoomState base = baseGroup == null ? null : load(baseGroup);
        if (base != null && base.entries().equals(next.entries())) {
            return baseGroup;
        }
        long id = ids.nextStateGroupId();
        boolean delta = base != null && next.entries().keySet().containsAll(base.entries().keySet());
        int chainLength = delta ? em.find(StateGroupEntity.class, baseGroup).getChainLength() + 1 : 0;
        if (!delta || chainLength >= MAX_CHAIN) {
            em.persist(new StateGroupEntity(id, roomId, null, 0));
            next.entries().forEach((k, v) -> em.persist(new StateGroupEntryEntity(id, k.type(), k.stateKey(), v)));
        } else {
            em.persist(new StateGroupEntity(id, roomId, baseGroup, chainLength));
            next.entries().forEach((k, v) -> {
                if (!v.equals(base.get(k))) {
                    em.persist(new StateGroupEntryEntity(id, k.type(), k.stateKey(), v));
                }
            });
        }
        cache.putGroup(id, next);
        return id;
    }
}
