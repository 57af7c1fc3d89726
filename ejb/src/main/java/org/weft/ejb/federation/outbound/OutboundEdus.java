package org.weft.ejb.federation.outbound;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weft.core.json.Json;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.tx.TransactionEnd;

/**
 * EDUs for other servers (server-server API, "EDUs"), sent by {@link FederationSender} with the
 * PDUs, at most 100 per transaction. Two kinds:
 * <ul>
 *   <li><b>durable</b> ({@code m.direct_to_device}, {@code m.device_list_update},
 *       {@code m.signing_key_update}): queued in the database in the transaction that caused them,
 *       so they are sent if and only if it committed, and survive a restart;</li>
 *   <li><b>ephemeral</b> ({@code m.typing}, {@code m.presence}, {@code m.receipt}): kept in memory
 *       under a key (a user's typing in a room, ...), a newer one replacing what is still unsent, so
 *       a server that is down costs one entry per key. Typing older than a minute is dropped
 *       unsent: the receiver would show it long after it ended. A restart loses what is unsent,
 *       which the next change of the same thing makes good.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboundEdus {

    /** Spec: "A transaction can contain up to 50 PDUs and 100 EDUs." */
    static final int MAX_EDUS = 100;

    private final PendingEdus pending = new PendingEdus();

    @Inject
    OutboundQueue queue;

    @EJB
    OutboundQueueStore store;

    @Inject
    FederationSender sender;

    @Inject
    WeftSettings settings;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Queues an EDU that must arrive, in the caller's transaction; the sender is woken when it commits. */
    public void durable(String destination, String type, Map<String, Object> content) {
        if (isUs(destination)) {
            return;
        }
        store.addEdu(queue.nextId(), destination, type, Json.write(content));
        TransactionEnd.afterCommit(transactions, () -> sender.wake(destination));
    }

    /**
     * Queues an ephemeral EDU for servers, replacing an unsent one of the same key: once the
     * caller's transaction commits (at once without one), and then sent at once.
     */
    public void ephemeral(Collection<String> destinations, String key, String type, Map<String, Object> content) {
        if (destinations.isEmpty()) {
            return;
        }
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            queue(destinations, key, type, content);
            return;
        }
        Set<String> servers = Set.copyOf(destinations);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    queue(servers, key, type, content);
                }
            }
        });
    }

    private void queue(Collection<String> destinations, String key, String type, Map<String, Object> content) {
        Map<String, Object> edu = Map.of("edu_type", type, "content", content);
        long now = System.currentTimeMillis();
        for (String destination : Set.copyOf(destinations)) {
            if (!isUs(destination)) {
                pending.put(destination, key, edu, now);
                sender.wake(destination);
            }
        }
    }

    /** Takes up to {@code limit} ephemeral EDUs for a server, oldest first (stale typing dropped). */
    public List<PendingEdus.Pending> take(String destination, int limit) {
        return pending.take(destination, limit, System.currentTimeMillis());
    }

    /** Puts back EDUs of a transaction that failed, unless newer ones of the same key came meanwhile. */
    public void putBack(String destination, List<PendingEdus.Pending> edus) {
        pending.putBack(destination, edus);
    }

    /** Whether ephemeral EDUs wait for a server. */
    public boolean hasPending(String destination) {
        return pending.hasPending(destination);
    }

    /** Servers with ephemeral EDUs waiting (the sender's sweep). */
    public List<String> destinationsWaiting() {
        return pending.destinations();
    }

    /** Drops what waits for a server Weft no longer federates with. */
    public void drop(String destination) {
        pending.drop(destination);
    }

    private boolean isUs(String destination) {
        return destination.equals(settings.serverName().toString());
    }
}
