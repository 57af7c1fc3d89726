package org.weft.ejb.push;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import org.weft.ejb.config.PushSettings;
import org.weft.ejb.config.WeftSettings;

/**
 * Delivers queued notifications to push gateways and email pushers. A commit that queued some kicks a delivery at
 * once; a failed delivery is retried with exponential backoff, each retry a <em>persistent</em>
 * single-action timer, so a restart keeps the schedule; at start, and then every minute, a
 * non-persistent sweep (the queue itself is in the database) picks up whatever was due meanwhile. Deliveries run one
 * batch at a time; requests hold no transaction.
 */
@Singleton
@jakarta.ejb.Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PushDeliveryTimer {

    private static final Logger LOG = Logger.getLogger(PushDeliveryTimer.class);
    private static final int BATCH = 50;

    @Resource
    TimerService timers;

    @EJB
    PushDeliveryStore store;

    @EJB
    PushNotificationBuilder builder;

    @Inject
    PushGateway gateway;

    @EJB
    EmailSummary mailer;

    @Inject
    WeftSettings settings;

    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();

    /**
     * After a (re)start, what was due while the server was down goes at once rather than at the
     * next sweep; a delivery cut off by the shutdown is among it.
     */
    @jakarta.annotation.PostConstruct
    void afterStart() {
        timers.createSingleActionTimer(1000, new TimerConfig("start", false));
    }

    /**
     * Delivers at {@code due} (at once if past), on a timer thread, never on the committing
     * request's. Not persistent: the queue is in the database, and the sweep finds it after a
     * restart.
     */
    public void kickAt(long due) {
        timers.createSingleActionTimer(Math.max(1, due - System.currentTimeMillis()), new TimerConfig("kick", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer(Timer timer) {
        deliverDue();
    }

    @Schedule(hour = "*", minute = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sweep() {
        deliverDue();
    }

    private void deliverDue() {
        again.set(true);
        // One delivery loop at a time; a kick during it makes it look again instead of waiting.
        while (again.get() && running.tryLock()) {
            try {
                again.set(false);
                List<PushDeliveryStore.Delivery> due;
                do {
                    due = store.due(System.currentTimeMillis(), BATCH);
                    due.forEach(this::deliver);
                } while (due.size() == BATCH);
            } finally {
                running.unlock();
            }
        }
    }

    private void deliver(PushDeliveryStore.Delivery delivery) {
        PushSettings push = settings.push();
        long now = System.currentTimeMillis();
        try {
            PusherService.Pusher pusher = store.pusher(delivery);
            if (pusher == null || now - delivery.createdTs() > push.giveUpAfterMs()) {
                if (pusher != null) {
                    LOG.infof("Gave up delivering %s to a pusher of %s after %d attempts", delivery.eventId(),
                            delivery.userId(), delivery.attempts());
                }
                store.done(delivery.id());
                return;
            }
            if ("email".equals(pusher.kind())) {
                mailer.summarise(delivery, pusher);
                return;
            }
            Map<String, Object> notification = builder.build(delivery, pusher);
            PushGateway.Answer answer = gateway.post((String) pusher.data().get("url"), notification);
            switch (answer.result()) {
                case DELIVERED -> {
                    store.done(delivery.id());
                    if (!answer.rejected().isEmpty()) {
                        LOG.infof("Push gateway rejected pushkeys of %s: removing their pushers", delivery.userId());
                        store.rejected(delivery.userId(), delivery.appId(), answer.rejected());
                    }
                }
                case DROP -> store.done(delivery.id());
                case RETRY -> retry(delivery, push, now);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Delivering %s to a pusher of %s failed: %s", delivery.eventId(), delivery.userId(), e.toString());
            retry(delivery, push, now);
        }
    }

    private void retry(PushDeliveryStore.Delivery delivery, PushSettings push, long now) {
        int attempts = delivery.attempts() + 1;
        long delay = Math.min(push.retryMaxMs(), push.retryInitialMs() << Math.min(30, attempts - 1));
        long next = now + delay;
        store.retryAt(delivery.id(), attempts, next);
        timers.createSingleActionTimer(new Date(next), new TimerConfig(delivery.id(), true));
    }
}
