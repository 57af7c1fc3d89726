package org.weft.ejb.federation.outbound;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.weft.core.event.Pdu;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.events.EventStored;
import org.weft.ejb.tx.TransactionEnd;

/**
 * Queues this server's new events for the other servers of their room, in the event's own
 * transaction: an event is sent if and only if it was stored. The sender is woken once the
 * transaction commits.
 */
@ApplicationScoped
public class OutboundQueue {

    @EJB
    OutboundQueueStore store;

    @Inject
    RoomServers roomServers;

    @Inject
    FederationSender sender;

    @Inject
    WeftSettings settings;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private volatile AtomicLong ids;

    /**
     * A local event joined a room: queue it for every other server with a joined member. A
     * membership event also goes to the server of the member it concerns (a remote user who was
     * just kicked or banned is told, though no longer joined).
     */
    void onStored(@Observes EventStored stored) {
        Pdu pdu = stored.pdu();
        Set<String> destinations;
        if ("m.room.member".equals(pdu.type())) {
            roomServers.changed(pdu.roomId());
            destinations = new TreeSet<>(roomServers.of(pdu.roomId()));
            String target = RoomServers.serverOf(pdu.stateKey());
            if (target != null && !target.equals(settings.serverName().toString())) {
                destinations.add(target);
            }
        } else {
            destinations = roomServers.of(pdu.roomId());
        }
        if (stored.local() && !destinations.isEmpty()) {
            enqueue(pdu, destinations);
        }
    }

    /** Queues an event for these servers in the caller's transaction (a relayed join, too). */
    public void enqueue(Pdu pdu, Set<String> destinations) {
        for (String destination : destinations) {
            store.add(nextId(), destination, pdu.eventId());
        }
        Set<String> toWake = Set.copyOf(destinations);
        TransactionEnd.afterCommit(transactions, () -> toWake.forEach(sender::wake));
    }

    /** A new queue ID (also a transaction ID): never one given before, across restarts too. */
    public long nextId() {
        AtomicLong counter = ids;
        if (counter == null) {
            synchronized (this) {
                if (ids == null) {
                    // Transaction IDs are made of queue IDs, and a receiver answers a transaction ID it
                    // has seen from its record without reading the PDUs (Synapse does so). The queue
                    // empties as it is sent, so counting on from its highest ID after a restart gave
                    // the same IDs again, and those transactions were dropped. Starting from the
                    // clock (microseconds) keeps every ID new across restarts.
                    ids = new AtomicLong(Math.max(store.maxId(), System.currentTimeMillis() * 1000));
                }
                counter = ids;
            }
        }
        return counter.incrementAndGet();
    }
}
