package dev.cronwatch.handlers;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart's hooks (the CRaC API, which Lambda's java21 runtime calls): before the snapshot, prime,
 * so that a restored copy finds a request's classes loaded and its clients built; after each restore,
 * rebuild what no two copies may share. Without SnapStart neither ever runs.
 *
 * <p>CRaC holds its resources weakly: the handler keeps this object as long as it lives.
 */
final class CheckpointHooks implements Resource {
    private static final Logger log = LoggerFactory.getLogger(CheckpointHooks.class);
    private final Runnable prime;
    private final Runnable restore;

    CheckpointHooks(Runnable prime, Runnable restore) {
        this.prime = prime;
        this.restore = restore;
    }

    static CheckpointHooks register(Runnable prime, Runnable restore) {
        CheckpointHooks hooks = new CheckpointHooks(prime, restore);
        Core.getGlobalContext().register(hooks);
        return hooks;
    }

    /** A failed priming only makes the first request slower: the snapshot is still taken. */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            prime.run();
        } catch (RuntimeException e) {
            log.warn("priming before the SnapStart checkpoint failed; restored copies start less warm", e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        restore.run();
    }
}
