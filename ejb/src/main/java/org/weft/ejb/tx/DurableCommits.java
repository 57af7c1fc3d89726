package org.weft.ejb.tx;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.weft.ejb.config.WeftSettings;

/**
 * Makes sure that what a request committed is in the database file before its answer leaves
 * (ADR 0012). On the embedded H2 database, the single-node default, this is group commit
 * ({@link H2GroupCommit}); on PostgreSQL, the production database, a commit returns only once it
 * is durable ({@code synchronous_commit=on}, PostgreSQL's default) and there is nothing to do here.
 * The web layer calls {@link #awaitDurable(boolean)} for every response.
 */
@ApplicationScoped
public class DurableCommits {

    private static final Logger LOG = Logger.getLogger(DurableCommits.class);

    @Resource(lookup = "java:jboss/datasources/WeftDS")
    DataSource dataSource;

    @Inject
    WeftSettings settings;

    /** The attached H2 store; null before the first attempt or when there is nothing to do. */
    private volatile H2GroupCommit group;
    private volatile boolean decided;

    /** Requests that may write (not GET/HEAD) and have not yet reached {@link #awaitDurable}. */
    private final AtomicInteger writesInFlight = new AtomicInteger();

    /** A request that may write has started: a group commit under way may wait for it. */
    public void writeStarted() {
        writesInFlight.incrementAndGet();
    }

    /**
     * Blocks until every change committed before the call is durable.
     *
     * @param writeEnded whether this ends a request announced by {@link #writeStarted}
     */
    public void awaitDurable(boolean writeEnded) {
        if (writeEnded) {
            writesInFlight.decrementAndGet();
        }
        H2GroupCommit current = current();
        if (current != null) {
            current.awaitDurable(TimeUnit.MICROSECONDS.toNanos(settings.groupCommitWindowUs()), writesInFlight::get,
                    writeEnded);
        }
    }

    /**
     * Forces the embedded database's file to disk, then compacts it for at most {@code budgetMs}
     * (ADR 0012); nothing to do elsewhere. Called by {@link CompactionTimer} once a second.
     */
    public void compact(long budgetMs) {
        H2GroupCommit current = current();
        if (current != null) {
            current.syncAndCompact(TimeUnit.MILLISECONDS.toNanos(budgetMs));
        }
    }

    private H2GroupCommit current() {
        H2GroupCommit current = group;
        if (current != null && current.isOpen()) {
            return current;
        }
        if (decided && current == null) {
            return null;
        }
        return attach();
    }

    /**
     * Decides once, and again whenever H2 has closed and reopened the database (which then starts in
     * the URL's durable per-commit mode until attached again).
     */
    private synchronized H2GroupCommit attach() {
        H2GroupCommit current = group;
        if (current != null && current.isOpen() || decided && current == null) {
            return current;
        }
        group = null;
        if (!settings.groupCommit() || settings.h2WriteDelayMs() > 0) {
            // Off, or the operator chose H2's own write delay (speed over durability): nothing to await.
            decided = true;
            return null;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
                decided = true;
                return null;
            }
            group = H2GroupCommit.attach(connection);
            if (group != null) {
                LOG.infof("H2 group commit on (window %d us)", settings.groupCommitWindowUs());
            }
        } catch (SQLException e) {
            // The database cannot be asked now (PostgreSQL down, say): decide at a later call.
            LOG.debugf("Not deciding on group commit yet: %s", e.getMessage());
            return null;
        } catch (LinkageError | ClassCastException e) {
            // H2's own per-commit writes stay on: durable, only slower.
            LOG.warnf("H2 group commit unavailable (%s); every commit writes the database file itself", e.toString());
        }
        decided = true;
        return group;
    }
}
