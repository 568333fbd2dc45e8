// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import java.util.ArrayDeque;

/**
 * The acked messages a NATS stream with limits retention still holds: JetStream keeps a message
 * after every consumer has acked it, until {@code max_age} or {@code max_msgs} removes it, so they
 * count toward {@code max_msgs} and a stream that discards new messages refuses publishes although
 * nothing waits in it. Only their publish times are kept; they are done for the run's conservation
 * law (counted completed), so dropping one changes no count but the stream's.
 *
 * <p>At most {@link #MAX_KEPT} are remembered, so a stream without limits cannot exhaust memory; a
 * stream with a larger {@code max_msgs} then counts at most that many.
 */
final class RetainedMessages {
    /** Most acked messages remembered. */
    static final int MAX_KEPT = 1_000_000;

    private final ArrayDeque<Double> publishedAt = new ArrayDeque<>();

    /** A message published at {@code time} was acked: the stream keeps it. */
    void keep(double time) {
        if (publishedAt.size() >= MAX_KEPT) {
            publishedAt.pollFirst();
        }
        publishedAt.addLast(time);
    }

    /** How many the stream holds at {@code now}, after {@code maxAgeSeconds} (0: none) removed the old ones. */
    int count(double now, double maxAgeSeconds) {
        if (maxAgeSeconds > 0) {
            // Acks come roughly in publish order, so the old ones are at the front; <= as an age of exactly max_age is over.
            while (!publishedAt.isEmpty() && publishedAt.peekFirst() <= now - maxAgeSeconds) {
                publishedAt.pollFirst();
            }
        }
        return publishedAt.size();
    }

    /** Discard old: the oldest acked message goes; false when there is none. */
    boolean discardOldest() {
        return publishedAt.pollFirst() != null;
    }
}
