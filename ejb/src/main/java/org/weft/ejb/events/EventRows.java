package org.weft.ejb.events;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import javax.sql.DataSource;
import org.weft.core.event.Pdu;
import org.weft.persistence.rooms.EventEdgeEntity;

/**
 * Inserts a new event's row and its graph edges (tables of {@code EventEntity} and
 * {@code EventEdgeEntity}) with plain JDBC, in the caller's transaction: the datasource hands out
 * the transaction's own connection, so JPA reads later in the transaction see the rows. This is
 * the send path's hot write; Hibernate's persist and flush cost more than H2's inserts themselves,
 * and the edges go in one statement.
 */
@ApplicationScoped
public class EventRows {

    @Resource(lookup = "java:jboss/datasources/WeftDS")
    DataSource dataSource;

    /** Writes the event at {@code position} with its stored JSON, and its prev_events and auth_events edges. */
    public void insert(long position, Pdu pdu, long stateGroup, String json) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events (stream_ordering, event_id,"
                    + " room_id, type, state_key, sender, depth, origin_server_ts, state_group, redacted_by, json)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,NULL,?)")) {
                insert.setLong(1, position);
                insert.setString(2, pdu.eventId());
                insert.setString(3, pdu.roomId());
                insert.setString(4, pdu.type());
                if (pdu.stateKey() != null) {
                    insert.setString(5, pdu.stateKey());
                } else {
                    insert.setNull(5, Types.VARCHAR);
                }
                insert.setString(6, pdu.sender());
                insert.setLong(7, pdu.depth());
                insert.setLong(8, pdu.originServerTs());
                insert.setLong(9, stateGroup);
                insert.setString(10, json);
                insert.executeUpdate();
            }
            insertEdges(connection, position, pdu.prevEvents(), pdu.authEvents());
        } catch (SQLException e) {
            throw new IllegalStateException("Storing event " + pdu.eventId() + " failed", e);
        }
    }

    private static void insertEdges(Connection connection, long position, List<String> prev, List<String> auth)
            throws SQLException {
        int count = prev.size() + auth.size();
        if (count == 0) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO event_graph_edges (event_stream, kind, target_event_id) VALUES ");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "(?,?,?)" : ",(?,?,?)");
        }
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            int p = 1;
            for (String target : prev) {
                insert.setLong(p++, position);
                insert.setString(p++, EventEdgeEntity.PREV);
                insert.setString(p++, target);
            }
            for (String target : auth) {
                insert.setLong(p++, position);
                insert.setString(p++, EventEdgeEntity.AUTH);
                insert.setString(p++, target);
            }
            insert.executeUpdate();
        }
    }
}
