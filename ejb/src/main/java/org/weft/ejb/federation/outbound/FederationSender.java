package org.weft.ejb.federation.outbound;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.core.id.ServerName;
import org.weft.core.json.Json;
import org.weft.ejb.config.FederationSettings;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.federation.FederationHttp;
import org.weft.ejb.federation.FederationPolicy;

/**
 * Sends the outbound queue (server-server API, "Transactions"): per destination one transaction
 * in flight at a time, of up to 50 PDUs and 100 EDUs ({@link OutboundEdus}), oldest first. Each
 * attempt has a new transaction ID. A failure leaves the PDUs queued and waits
 * {@code weft.federation.retry_initial_ms}, doubled per failure up to {@code retry_max_ms}, on a
 * timer. Work runs on timer threads, never on a request's; at start, and every minute, whatever is
 * due is sent (the queue is in the database, so a restart loses nothing).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class FederationSender {

    private static final Logger LOG = Logger.getLogger(FederationSender.class);

    /** Spec: "A transaction can contain up to 50 PDUs". */
    static final int MAX_PDUS = 50;

    /** The info of a retry timer, before the destination (a wake-up's info is the destination alone). */
    private static final String RETRY = "retry ";

    @Resource
    TimerService timers;

    @EJB
    OutboundQueueStore store;

    @EJB
    EventReader reader;

    @Inject
    FederationHttp http;

    @Inject
    FederationPolicy policy;

    @Inject
    WeftSettings settings;

    @Inject
    OutboundEdus edus;

    @Inject
    OutboundQueue queue;

    /** Destinations being sent to now, and whether they were woken meanwhile. */
    private final SendGate gate = new SendGate();

    /** The retry already scheduled per backing-off destination, so new events do not add timers. */
    private final Map<String, Long> retries = new ConcurrentHashMap<>();

    /**
     * When each destination may be tried again (0: now), read from the database once and kept up
     * to date here, so that sending to a healthy server costs no backoff reads or writes.
     */
    private final Map<String, Long> retryAt = new ConcurrentHashMap<>();

    @PostConstruct
    void afterStart() {
        timers.createSingleActionTimer(1000, new TimerConfig(null, false));
    }

    /** Sends to {@code destination} on a timer thread, at once unless it is backing off. */
    public void wake(String destination) {
        // Due now, not in a millisecond: WildFly hands a due timer to its executor at once, while a
        // delay of 1 ms waits in java.util.Timer for a millisecond or more, on every message's way out.
        timers.createSingleActionTimer(0, new TimerConfig(destination, false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer(Timer timer) {
        if (timer.getInfo() instanceof String info && info.startsWith(RETRY)) {
            // This retry is spent: should it have come a little early, the next one is scheduled anew.
            String destination = info.substring(RETRY.length());
            retries.remove(destination);
            drain(destination);
        } else if (timer.getInfo() instanceof String destination) {
            drain(destination);
        } else {
            sweep();
        }
    }

    /** Whatever is due: after a start, and behind any wake-up that was lost. */
    @Schedule(hour = "*", minute = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sweep() {
        java.util.Set<String> waiting = new java.util.LinkedHashSet<>(store.destinationsWaiting());
        waiting.addAll(edus.destinationsWaiting());
        for (String destination : waiting) {
            try {
                drain(destination);
            } catch (RuntimeException e) {
                // One destination's failure must not keep the sweep from the others.
                LOG.warnf(e, "Sending to %s failed", destination);
            }
        }
    }

    private void drain(String destination) {
        if (!gate.enter(destination)) {
            return;
        }
        try {
            do {
                while (sendBatch(destination)) {
                    // a full transaction went: there may be more
                }
            } while (!gate.leave(destination));
        } catch (RuntimeException e) {
            gate.abandon(destination);
            throw e;
        }
    }

    /** Sends one transaction if one is due; true when there may be more to send now. */
    private boolean sendBatch(String destination) {
        long due = retryAt.computeIfAbsent(destination, store::retryAt);
        if (due > System.currentTimeMillis()) {
            scheduleRetry(destination, due);
            return false;
        }
        ServerName server;
        try {
            server = ServerName.parse(destination);
        } catch (IllegalArgumentException e) {
            store.drop(destination);
            edus.drop(destination);
            return false;
        }
        if (!policy.allows(server)) {
            LOG.debugf("Not sending to %s: federation with it is not allowed", destination);
            store.drop(destination);
            edus.drop(destination);
            return false;
        }
        List<OutboundQueueStore.Queued> queued = store.next(destination, MAX_PDUS);
        List<OutboundQueueStore.QueuedEdu> durable = store.nextEdus(destination, OutboundEdus.MAX_EDUS);
        List<PendingEdus.Pending> ephemeral = edus.take(destination, OutboundEdus.MAX_EDUS - durable.size());
        if (queued.isEmpty() && durable.isEmpty() && ephemeral.isEmpty()) {
            return false;
        }
        List<Map<String, Object>> pdus = new ArrayList<>(queued.size());
        List<Long> ids = new ArrayList<>(queued.size());
        for (OutboundQueueStore.Queued entry : queued) {
            ids.add(entry.id());
            Pdu pdu = reader.pdu(entry.eventId());
            if (pdu != null) {
                pdus.add(pdu.json());
            }
        }
        List<Map<String, Object>> eduJsons = new ArrayList<>(durable.size() + ephemeral.size());
        List<Long> eduIds = new ArrayList<>(durable.size());
        for (OutboundQueueStore.QueuedEdu edu : durable) {
            eduIds.add(edu.id());
            eduJsons.add(Map.of("edu_type", edu.type(), "content", Json.parse(edu.contentJson())));
        }
        ephemeral.forEach(edu -> eduJsons.add(edu.edu()));
        // A new ID for every attempt: a receiver answers a transaction ID it has seen from its
        // record, and a retry may carry other EDUs than the attempt before. PDUs and to-device
        // messages sent twice are recognised by their IDs.
        String txnId = Long.toString(queue.nextId());
        Map<String, Object> transaction = eduJsons.isEmpty()
                ? Map.of("origin", settings.serverName().toString(), "origin_server_ts", System.currentTimeMillis(), "pdus", pdus)
                : Map.of("origin", settings.serverName().toString(), "origin_server_ts", System.currentTimeMillis(), "pdus", pdus,
                        "edus", eduJsons);
        long started = System.nanoTime();
        try {
            http.json("PUT", server, "/_matrix/federation/v1/send/" + URLEncoder.encode(txnId, StandardCharsets.UTF_8),
                    transaction);
            LOG.debugf("Transaction %s to %s: %d PDUs, %d EDUs answered in %.1f ms", txnId, destination, pdus.size(),
                    eduJsons.size(), (System.nanoTime() - started) / 1e6);
        } catch (MatrixException | IllegalStateException e) {
            FederationSettings federation = settings.federation();
            long next = store.failed(destination, federation.retryInitialMs(), federation.retryMaxMs());
            retryAt.put(destination, next);
            edus.putBack(destination, ephemeral);
            LOG.debugf("Transaction %s to %s failed (%s); next attempt in %d ms", txnId, destination, e.getMessage(),
                    next - System.currentTimeMillis());
            scheduleRetry(destination, next);
            return false;
        }
        // One write for both: the PDUs are gone, and a server that had failed is healthy again.
        store.sent(destination, ids, eduIds, retries.remove(destination) != null || retryAt.get(destination) != 0L);
        retryAt.put(destination, 0L);
        return queued.size() == MAX_PDUS || durable.size() == OutboundEdus.MAX_EDUS || edus.hasPending(destination);
    }

    private void scheduleRetry(String destination, long at) {
        Long scheduled = retries.put(destination, at);
        if (scheduled == null || scheduled != at) {
            timers.createSingleActionTimer(Math.max(1, at - System.currentTimeMillis()), new TimerConfig(RETRY + destination, false));
        }
    }
}
