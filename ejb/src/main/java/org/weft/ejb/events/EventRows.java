package org.weft.ejb.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.weft.core.event.Pdu;
import org.weft.ejb.tx.BatchWriter;
import org.weft.ejb.tx.StatementBatch;
import org.weft.persistence.rooms.EventEdgeEntity;
import org.weft.persistence.rooms.RoomEntity;

/**
 * The rows a new event writes (tables of {@code EventEntity}, {@code EventEdgeEntity},
 * {@code EventTxnEntity} and the room's extremities in {@code RoomEntity}), as plain SQL gathered
 * into one {@link StatementBatch} with the event's push outcomes, and written together in the
 * caller's transaction: one round trip on PostgreSQL ({@link BatchWriter}). This is the send path's
 * hot write; Hibernate's persist and flush cost more than H2's inserts themselves, and each
 * statement of its own cost PostgreSQL a round trip.
 */
@ApplicationScoped
public class EventRows {

    private static final String INSERT_EVENT = "INSERT INTO events (stream_ordering, event_id, room_id, type, state_key,"
            + " sender, depth, origin_server_ts, state_group, redacted_by, json) VALUES (?,?,?,?,?,?,?,?,?,NULL,?)";
    private static final String INSERT_TXN = "INSERT INTO event_txn_ids (user_id, device_id, scope, txn_id, event_id,"
            + " event_stream, created_ts) VALUES (?,?,?,?,?,?,?)";
    private static final String ADVANCE_ROOM = "UPDATE rooms SET current_state_group = ?, max_depth = ?,"
            + " forward_extremities = ? WHERE room_id = ?";

    @Inject
    BatchWriter writer;

    @Inject
    EventGroups groups;

    /** Adds the event at {@code position} with its stored JSON, and its prev_events and auth_events edges. */
    public void addEvent(StatementBatch batch, long position, Pdu pdu, long stateGroup, String json) {
        groups.remember(pdu.eventId(), stateGroup);
        batch.add(INSERT_EVENT, position, pdu.eventId(), pdu.roomId(), pdu.type(),
                pdu.stateKey() != null ? pdu.stateKey() : new StatementBatch.Null(Types.VARCHAR),
                pdu.sender(), pdu.depth(), pdu.originServerTs(), stateGroup, json);
        addEdges(batch, position, pdu.prevEvents(), pdu.authEvents());
    }

    private static void addEdges(StatementBatch batch, long position, List<String> prev, List<String> auth) {
        int count = prev.size() + auth.size();
        if (count == 0) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO event_graph_edges (event_stream, kind, target_event_id) VALUES ");
        List<Object> parameters = new ArrayList<>(count * 3);
        for (String target : prev) {
            sql.append(parameters.isEmpty() ? "(?,?,?)" : ",(?,?,?)");
            parameters.addAll(List.of(position, EventEdgeEntity.PREV, target));
        }
        for (String target : auth) {
            sql.append(parameters.isEmpty() ? "(?,?,?)" : ",(?,?,?)");
            parameters.addAll(List.of(position, EventEdgeEntity.AUTH, target));
        }
        batch.add(sql.toString(), parameters);
    }

    /**
     * Adds the room's new extremities, depth and state group, as {@link RoomEntity#advance} has
     * just set them: those columns are not updatable through JPA, so this is their only writer.
     */
    public void addRoomAdvance(StatementBatch batch, RoomEntity room) {
        batch.add(ADVANCE_ROOM, room.getCurrentStateGroup(), room.getMaxDepth(),
                String.join(" ", room.getForwardExtremities()), room.getRoomId());
    }

    /** Adds the client's transaction ID of the event, which makes a retried request return the same event. */
    public void addTransaction(StatementBatch batch, ClientTxn txn, String eventId, long position) {
        batch.add(INSERT_TXN, txn.userId(), txn.deviceId(), txn.scope(), txn.txnId(), eventId, position,
                System.currentTimeMillis());
    }

    /** Writes the batch in the caller's transaction. */
    public void write(StatementBatch batch, String eventId) {
        try {
            writer.execute(batch);
        } catch (SQLException e) {
            throw new IllegalStateException("Storing event " + eventId + " failed", e);
        }
    }
}
