// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.check.Finding;
import java.time.Duration;
import java.util.List;

/**
 * A flow whose topology is declared on a real broker, ready to run there: what {@code pipewright
 * deploy} drives, whichever broker it is. Made by a backend's {@code declare}.
 */
public interface LiveDeployment extends AutoCloseable {
    /** The export's warnings: what the broker was not given. */
    List<Finding> warnings();

    /**
     * Runs the flow until {@code limit} has passed, or sooner once every source has published its
     * message limit and every queue with a consumer is empty, and returns the report's snapshot.
     *
     * @throws LiveFailure in one sentence naming the broker when it goes away or refuses a publish or consume
     */
    Snapshot run(long seed, Duration limit) throws LiveFailure;

    /**
     * One sentence telling how often a connection to the broker was lost during the last run and
     * came back, and how many messages that delivered twice; empty when none was lost.
     */
    default java.util.Optional<String> recovered() {
        return java.util.Optional.empty();
    }

    /** Sets the listener told about each message's events in the runs from now on; null for none. */
    void setEvents(LiveEvents listener);

    /** Deletes what was declared, best effort. */
    void teardown();

    /** Closes the connections (and stops a broker started for the run). */
    @Override
    void close();
}
