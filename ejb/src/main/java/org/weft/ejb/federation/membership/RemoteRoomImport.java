package org.weft.ejb.federation.membership;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.core.pdu.JoinResponse;
import org.weft.core.pdu.PduHashes;
import org.weft.core.pdu.PduReceipt;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.EventService;
import org.weft.ejb.events.EventsAside;
import org.weft.ejb.events.RemoteEventWriter;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.events.StateAtEvent;
import org.weft.ejb.events.StoredReceiptContext;
import org.weft.persistence.rooms.RoomEntity;

/**
 * Stores what joining a room held by another server brought, in one transaction: the room (new to
 * this server, or known from before), the checked events of the {@code send_join} answer as
 * outliers (rejected ones as rejected), and our user's join on top of the state they describe,
 * checked against it as any PDU. Either all of it is stored or nothing is.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RemoteRoomImport {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    EventService events;

    @EJB
    EventReader reader;

    @EJB
    EventsAside aside;

    @EJB
    RemoteEventWriter writer;

    @EJB
    org.weft.ejb.events.InviteStates inviteStates;

    @jakarta.inject.Inject
    org.weft.ejb.federation.outbound.RoomServers roomServers;

    /**
     * @throws MatrixException 403 when the join does not pass the auth rules against the state it was made on
     */
    public void importJoin(String roomId, RoomVersion version, Pdu join, JoinResponse.Checked answer) {
        RoomEntity stub = em.find(RoomEntity.class, roomId);
        if (stub != null && !stub.getRoomVersion().equals(version.id()) && stub.getCurrentStateGroup() == null) {
            // Known only from a /v1/invite, which names no version (1 was assumed): make_join's is the room's.
            stub.correctRoomVersion(version.id());
        }
        if (stub == null) {
            Pdu create = answer.events().stream().filter(e -> e.eventId().equals(answer.state().get(StateKey.of("m.room.create", ""))))
                    .findFirst().orElseThrow();
            em.persist(new RoomEntity(roomId, version.id(), create.sender(), false, System.currentTimeMillis()));
            em.flush();
        }
        RoomEntity room = events.lockRoom(roomId);
        aside.storeChecked(answer, "a send_join answer");
        if (reader.has(join.eventId())) {
            return;
        }
        RoomState before = RoomState.of(answer.state());
        PduReceipt.Receipt receipt = PduReceipt.authorise(new PduHashes.Checked(join, false), version,
                new StoredReceiptContext(reader, aside, before, before), StateAtEvent.RULES);
        if (receipt.verdict() != PduReceipt.Verdict.ACCEPTED) {
            throw MatrixException.forbidden("The room's state does not let this join in: " + receipt.reason());
        }
        writer.writeJoin(room, version, receipt, before);
    }

    /**
     * Stores a membership of our user in a room this server is not in (an invite from another
     * server, with what it sent of the room; or the leave refusing one): the room is kept as a
     * stub until the user joins.
     */
    public void storeOutOfBand(String roomId, RoomVersion version, Pdu membership, java.util.List<java.util.Map<String, Object>> stripped) {
        if (em.find(RoomEntity.class, roomId) == null) {
            em.persist(new RoomEntity(roomId, version.id(), membership.sender(), false, System.currentTimeMillis()));
            em.flush();
        } else if (roomServers.includesUs(roomId)) {
            return; // in the room: its events, this one included, arrive in transactions
        }
        RoomEntity room = events.lockRoom(roomId);
        if (reader.has(membership.eventId())) {
            return;
        }
        if (!stripped.isEmpty()) {
            inviteStates.store(membership.eventId(), stripped);
        }
        writer.writeOutOfBand(room, version, membership);
    }
}
