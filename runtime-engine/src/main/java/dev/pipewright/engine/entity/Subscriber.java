// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

/**
 * Something a queue delivers to: a consumer (with its instances), a processor, or the source that
 * awaits replies on its reply queue. With {@code singleActive}, only the subscriber's one active
 * instance counts.
 */
interface Subscriber {
    /** Whether it can take one more message now (an instance has credit under its prefetch). */
    boolean canTake(boolean singleActive);

    /** Whether an instance is idle: alive, not paused, holding nothing. */
    boolean hasIdle(boolean singleActive);

    /** Whether it has an instance that is not crashed (single active consumer fails over when not). */
    boolean alive();

    /** True when the broker counts a delivery as acknowledged at once. */
    boolean autoAck();

    /** Hands over a message; {@link #canTake} was true just before. */
    void deliver(Message m, QueueEntity from, boolean singleActive);
}
