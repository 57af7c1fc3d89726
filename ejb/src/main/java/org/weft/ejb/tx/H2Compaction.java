package org.weft.ejb.tx;

import java.lang.reflect.Method;
import java.util.concurrent.Callable;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

/**
 * Keeps the embedded H2 file near its data while writes go on (ADR 0012, ADR 0014). H2 writes every
 * change as a new chunk and frees a chunk only once none of its pages is live; under sustained
 * writes most chunks keep a few live pages (full leaves of append-only trees) and are never freed
 * unless their live pages are rewritten elsewhere, and H2's own housekeeping does that only while the
 * database is idle. Measured in a 120,000-message soak: chunks 5 to 40 seconds old held 8-16% live
 * bytes and made up most of the file.
 *
 * <p>Each step rewrites the live pages of the sparsest chunks (those at or below the store's average
 * fill rate, so that each byte moved frees the most space; H2's public {@code compact} prefers old
 * chunks whatever their fill), then commits, so that H2 counts the moved pages before the next step
 * picks chunks. The selection is H2's own {@code FileStore.rewriteChunks}, reached by reflection
 * as its housekeeping reaches it; on an H2 without it, the public {@code MVStore.compact} serves.
 */
final class H2Compaction {

    private static final Logger LOG = Logger.getLogger(H2Compaction.class);

    /** Chunks are compacted while less than this share of their bytes is live (H2's own default is 90). */
    static final int TARGET_FILL_RATE = 80;

    /**
     * Live bytes moved per step. Each step holds H2's store lock, which every group write needs too:
     * small steps keep answers from waiting behind a long rewrite.
     */
    private static final int STEP_BYTES = 128 << 10;

    /** A step finds nothing when the lock is busy or no chunk qualifies: give up after a few in a row. */
    private static final int MISSES_BEFORE_STOPPING = 3;

    private final MVStore store;
    private final Method rewriteChunks;
    private final Method underStoreLock;

    H2Compaction(MVStore store) {
        this.store = store;
        Method rewrite = null;
        Method underLock = null;
        try {
            rewrite = FileStore.class.getDeclaredMethod("rewriteChunks", int.class, int.class);
            underLock = MVStore.class.getDeclaredMethod("tryExecuteUnderStoreLock", Callable.class);
            rewrite.setAccessible(true);
            underLock.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.infof("H2's chunk selection is not reachable (%s); compacting oldest chunks first", e.toString());
            rewrite = null;
            underLock = null;
        }
        this.rewriteChunks = rewrite;
        this.underStoreLock = underLock;
    }

    /**
     * Forces what was written to the file onto the disk (fsync). Group commit writes the file before
     * answering, which a crash of the server process cannot undo; this, once a second, bounds what a
     * power loss can take to the last second, and lets H2 overwrite chunks older than its retention
     * time (weft.db.h2_retention_ms) knowing that what replaced them is on disk.
     */
    void sync() {
        store.getFileStore().sync();
    }

    /** Compacts for at most {@code budgetNanos}, while the chunks' fill rate is under the target. */
    void compact(long budgetNanos) {
        long start = System.nanoTime();
        long deadline = start + budgetNanos;
        int moved = 0;
        int misses = 0;
        while (store.getFileStore().getChunksFillRate() < TARGET_FILL_RATE && System.nanoTime() <= deadline
                && misses < MISSES_BEFORE_STOPPING) {
            if (step()) {
                moved++;
                misses = 0;
                store.commit();
            } else {
                misses++;
            }
        }
        LOG.debugf("H2 compaction: %d steps moved in %d ms; chunks %d%% live, file %d bytes", moved,
                (System.nanoTime() - start) / 1_000_000, store.getFileStore().getChunksFillRate(),
                store.getFileStore().size());
    }

    private boolean step() {
        if (rewriteChunks == null) {
            return store.compact(TARGET_FILL_RATE, STEP_BYTES);
        }
        FileStore<?> fileStore = store.getFileStore();
        int sparse = Math.max(5, fileStore.getChunksFillRate());
        Callable<Boolean> rewrite = () -> (Boolean) rewriteChunks.invoke(fileStore, STEP_BYTES, sparse);
        try {
            return Boolean.TRUE.equals(underStoreLock.invoke(store, rewrite));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("H2 compaction step failed", e);
        }
    }
}
