// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

/**
 * Told about what happens to each message in a live run, as {@code deploy --trace} writes it: what
 * the clients see, since the broker does not say. Called from the clients' threads, concurrently.
 */
@FunctionalInterface
public interface LiveEvents {
    /**
     * One event.
     *
     * @param seconds since the run's events were first listened to
     * @param event {@code receive} (a consumer instance takes it), {@code ack} (its consumer
     *     acknowledged it, the first time) or {@code requeue} (it went back to its queue: a nack with
     *     requeue, a rollback, a crash or a lost connection)
     * @param node the consumer, or for {@code requeue} the queue
     * @param message the id its source gave it: the source's node id and its sequence number, {@code src-17}
     * @param delivery for {@code receive}, which delivery of it from its queue this is, 1 for the first; 0 for the others
     */
    void onLiveEvent(double seconds, String event, String node, String message, int delivery);
}
