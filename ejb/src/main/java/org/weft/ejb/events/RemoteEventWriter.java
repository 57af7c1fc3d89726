package org.weft.ejb.events;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.core.json.Json;
import org.weft.core.pdu.PduReceipt;
import org.weft.ejb.push.PushEvaluator;
import org.weft.ejb.tx.StatementBatch;
import org.weft.persistence.rooms.RoomEntity;

/**
 * The write path of events from other servers, after the receipt checks have judged them
 * (server-server API, "Checks performed on receipt of a PDU"): the local write path's rows, stream
 * position, push outcomes and announcement ({@link EventRows}, {@link StreamIdGenerator}), plus what
 * only remote events do: fork the graph. An accepted event replaces the extremities it references
 * and the room's current state becomes the resolution of the states at its extremities. Rejected
 * and soft-failed events go {@linkplain EventsAside aside}. Runs under the room's lock
 * ({@link EventService#lockRoom}), in the caller's transaction.
 */
@Stateless
public class RemoteEventWriter {

    @EJB
    StateStore states;

    @EJB
    StateAtEvent stateAt;

    @EJB
    EventsAside aside;

    @EJB
    CurrentStateRows currentRows;

    @EJB
    StreamIdGenerator ids;

    @Inject
    EventRows rows;

    @Inject
    StateCache cache;

    @Inject
    PushEvaluator push;

    @Inject
    Event<EventStored> stored;

    /**
     * Stores a judged event.
     *
     * @param room   the room, locked by the caller
     * @param before the state before the event (its prev_events' states, resolved)
     * @return the stream position of an accepted event, or null when it went aside
     */
    public Long write(RoomEntity room, RoomVersion version, PduReceipt.Receipt receipt, RoomState before) {
        return write(room, version, receipt, before, false);
    }

    /**
     * Stores our own user's join to a room held by another server, built on the state its
     * {@code send_join} answer gave: the join becomes the room's only forward extremity, whatever
     * this server held of the room before (it was not in it, so that was out of date).
     */
    public Long writeJoin(RoomEntity room, RoomVersion version, PduReceipt.Receipt receipt, RoomState before) {
        return write(room, version, receipt, before, true);
    }

    private Long write(RoomEntity room, RoomVersion version, PduReceipt.Receipt receipt, RoomState before,
                       boolean freshStart) {
        Pdu pdu = receipt.pdu();
        Long baseGroup = pdu.prevEvents().isEmpty() ? null : stateAt.groupAfter(pdu.prevEvents().get(0));
        if (receipt.verdict() == PduReceipt.Verdict.REJECTED) {
            // A rejected event changes no state: events citing it see the state before it.
            aside.store(pdu, EventsAside.Kind.REJECTED, receipt.reason(), states.storeState(room.getRoomId(), baseGroup, before));
            return null;
        }
        RoomState after = pdu.isState() ? before.with(new StateKey(pdu.type(), pdu.stateKey()), pdu.eventId()) : before;
        long groupAfter = states.storeState(room.getRoomId(), baseGroup, after);
        if (receipt.verdict() == PduReceipt.Verdict.SOFT_FAILED) {
            aside.store(pdu, EventsAside.Kind.SOFT_FAILED, receipt.reason(), groupAfter);
            return null;
        }
        return accept(room, version, pdu, after, groupAfter, freshStart);
    }

    private long accept(RoomEntity room, RoomVersion version, Pdu pdu, RoomState after, long groupAfter,
                        boolean freshStart) {
        // Known by ID before its row is written: the current state rows below read it.
        cache.putEvent(pdu);
        List<String> extremities = freshStart ? new ArrayList<>() : new ArrayList<>(room.getForwardExtremities());
        extremities.removeAll(pdu.prevEvents());
        extremities.add(pdu.eventId());
        RoomState current = room.getCurrentStateGroup() == null ? RoomState.EMPTY : states.load(room.getCurrentStateGroup());
        RoomState next;
        long nextGroup;
        if (extremities.size() == 1) {
            next = after;
            nextGroup = groupAfter;
        } else {
            List<Map<StateKey, String>> sets = new ArrayList<>();
            for (String extremity : extremities) {
                Long group = extremity.equals(pdu.eventId()) ? Long.valueOf(groupAfter) : stateAt.groupAfter(extremity);
                if (group != null) {
                    sets.add(states.load(group).entries());
                }
            }
            next = stateAt.resolve(version, sets);
            nextGroup = states.storeState(room.getRoomId(), room.getCurrentStateGroup(), next);
        }
        if (!next.entries().equals(current.entries())) {
            currentRows.replace(room.getRoomId(), current, next);
        }
        String target = "m.room.member".equals(pdu.type()) ? pdu.stateKey() : null;
        // Announced with the event (answerable from memory) only when the state moved by this event
        // alone; a resolution that changed more sends waiting syncs to the database.
        boolean simple = next.entries().equals(current.with(new StateKey(pdu.type(), String.valueOf(pdu.stateKey())),
                pdu.eventId()).entries()) || (!pdu.isState() && next.entries().equals(current.entries()));
        StreamChange.NewEvent announced = new StreamChange.NewEvent(pdu, version,
                current.get("m.room.member", pdu.sender()), new AtomicReference<>());
        long position = ids.nextEventPosition(simple ? StreamChange.event(room.getRoomId(), target, announced)
                : new StreamChange(room.getRoomId(), target, java.util.Set.of(), null));
        StatementBatch writes = new StatementBatch();
        rows.addEvent(writes, position, pdu, groupAfter, Json.write(pdu.json()));
        room.setHead(extremities, pdu.depth(), nextGroup);
        rows.addRoomAdvance(writes, room);
        announced.push().set(push.evaluate(version, current, pdu, position, writes));
        rows.write(writes, pdu.eventId());
        stored.fire(new EventStored(pdu, version, false));
        return position;
    }

    /**
     * Stores an event of the room's past fetched from another server (backfill), judged against
     * the state before it: in the timeline at {@code position}, below all the history this server
     * had, with the state after it (what history visibility is read from), and nothing of the
     * present touched: no extremities, current state, push, sync wake-up or sending. An outlier of
     * the same event (known from a join's state) becomes this timeline event.
     */
    public void writeHistoric(String roomId, Pdu pdu, RoomState before, long position) {
        Long baseGroup = pdu.prevEvents().isEmpty() ? null : stateAt.groupAfter(pdu.prevEvents().get(0));
        RoomState after = pdu.isState() ? before.with(new StateKey(pdu.type(), pdu.stateKey()), pdu.eventId()) : before;
        long group = states.storeState(roomId, baseGroup, after);
        aside.forgetOutlier(pdu.eventId());
        cache.putEvent(pdu);
        StatementBatch writes = new StatementBatch();
        rows.addEvent(writes, position, pdu, group, Json.write(pdu.json()));
        rows.write(writes, pdu.eventId());
    }

    /**
     * Stores a membership of one of our users in a room this server does not hold (an invite from
     * another server, or the refusal of one): "out of band", without the room's graph. It becomes
     * the user's membership in the room's current state and an event of its timeline, so /sync shows
     * it, but no forward extremity: nothing is built on it here.
     */
    public long writeOutOfBand(RoomEntity room, RoomVersion version, Pdu pdu) {
        cache.putEvent(pdu);
        RoomState current = room.getCurrentStateGroup() == null ? RoomState.EMPTY : states.load(room.getCurrentStateGroup());
        StateKey key = new StateKey(pdu.type(), pdu.stateKey());
        long group = states.storeState(room.getRoomId(), room.getCurrentStateGroup(), current.with(key, pdu.eventId()));
        currentRows.put(room.getRoomId(), key, pdu);
        long position = ids.nextEventPosition(new StreamChange(room.getRoomId(), pdu.stateKey(), java.util.Set.of(), null));
        StatementBatch writes = new StatementBatch();
        rows.addEvent(writes, position, pdu, group, Json.write(pdu.json()));
        room.setHead(room.getForwardExtremities(), pdu.depth(), group);
        rows.addRoomAdvance(writes, room);
        push.evaluate(version, current, pdu, position, writes);
        rows.write(writes, pdu.eventId());
        return position;
    }
}
