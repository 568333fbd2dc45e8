// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.Snapshot;

/**
 * A {@link LiveDeployment} run by hand, as {@link LiveBackend} drives it: {@link #begin} opens the
 * consumers and publishers held, {@link #hold} lets them go or holds them, {@link #inject} carries
 * out a fault, {@link #liveSnapshot} reads the account while it runs. Called from one thread, the
 * backend's; the clients run on their own threads.
 */
public interface LiveSession extends LiveDeployment {
    /**
     * Opens every consumer instance and source publisher, held: nothing is published or consumed
     * until {@code hold(false)}.
     *
     * @throws LiveFailure in one sentence naming the broker when it refuses a channel or session
     */
    void begin(long seed) throws LiveFailure;

    /**
     * Holds the run (true): sources stop publishing and consumers stop taking messages; what a
     * consumer holds already is finished. False lets it go on.
     */
    void hold(boolean hold) throws LiveFailure;

    /**
     * Carries out {@code fault}: rates, floods, pausing and resuming a consumer, its number of
     * instances, crashing and restoring one instance.
     *
     * @throws UnsupportedOperationException for a fault a live run cannot do (endpoints)
     * @throws IllegalArgumentException when the node is not in the flow or not of the fault's kind
     */
    void inject(Fault fault) throws LiveFailure;

    /** The account now ({@link LiveLedger#liveSnapshot}), {@code seconds} into the run. */
    Snapshot liveSnapshot(double seconds) throws LiveFailure;

    /** What failed on a client's thread (the broker went away), or null. */
    Exception failure();

    /** Stops every client; what consumers held goes back to its queues. */
    void end();

    /** The refusal of a fault a live run cannot do, naming it. */
    static UnsupportedOperationException unsupported(Fault fault) {
        String kind = fault.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return new UnsupportedOperationException("a run on a real broker cannot do '" + kind + "' on '" + fault.nodeId()
                + "'; try it in the simulator");
    }
}
