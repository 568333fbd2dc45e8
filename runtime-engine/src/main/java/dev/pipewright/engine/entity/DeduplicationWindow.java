// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.NatsLimits;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * An SQS FIFO queue's deduplication: a message whose deduplication id was accepted within the last
 * 5 minutes is accepted again but not delivered (Amazon SQS Developer Guide, "Using the message
 * deduplication ID"). The id is the header {@code MessageDeduplicationId} when a message has one,
 * else the publisher's message id, which a duplicate publish shares. A NATS stream's
 * ({@link #nats()}) is the same for 2 minutes, by the header {@code Nats-Msg-Id} only: a publish
 * without one is never a duplicate.
 *
 * <p>It remembers at most {@link #MAX_IDS} ids; beyond that the oldest are forgotten early, so a
 * queue published to faster than SQS's FIFO throughput allows cannot exhaust memory.
 */
final class DeduplicationWindow {
    /** SQS's deduplication interval: 5 minutes. */
    static final double WINDOW_SECONDS = 300;
    /** Most ids remembered: 3,000 messages a second (high-throughput FIFO) for 5 minutes is 900,000. */
    static final int MAX_IDS = 1_000_000;
    static final String HEADER = "MessageDeduplicationId";

    private final double windowSeconds;
    private final String header;
    private final boolean publisherIdCounts;

    private DeduplicationWindow(double windowSeconds, String header, boolean publisherIdCounts) {
        this.windowSeconds = windowSeconds;
        this.header = header;
        this.publisherIdCounts = publisherIdCounts;
    }

    /** SQS FIFO's: 5 minutes, by {@code MessageDeduplicationId} or the publisher's message id. */
    static DeduplicationWindow sqs() {
        return new DeduplicationWindow(WINDOW_SECONDS, HEADER, true);
    }

    /** A NATS stream's: its 2-minute duplicate window, by {@code Nats-Msg-Id} only. */
    static DeduplicationWindow nats() {
        return new DeduplicationWindow(NatsLimits.DUPLICATE_WINDOW.toSeconds(), NatsLimits.MSG_ID_HEADER, false);
    }

    /** The window as a sentence names it: {@code 5-minute}. */
    String describe() {
        return Math.round(windowSeconds / 60) + "-minute";
    }

    private record Seen(String id, double at) {
    }

    private final Map<String, Double> acceptedAt = new HashMap<>();
    private final ArrayDeque<Seen> order = new ArrayDeque<>();

    /** True when {@code m} repeats an id accepted less than the window before {@code now}; otherwise records it. */
    boolean duplicate(Message m, double now) {
        forgetBefore(now - windowSeconds);
        String id = m.headers == null ? null : m.headers.get(header);
        if (id == null && !publisherIdCounts) {
            return false;
        }
        if (id == null) {
            id = Long.toString(m.originId);
        }
        if (acceptedAt.containsKey(id)) {
            return true;
        }
        if (order.size() >= MAX_IDS) {
            acceptedAt.remove(order.pollFirst().id());
        }
        acceptedAt.put(id, now);
        order.addLast(new Seen(id, now));
        return false;
    }

    private void forgetBefore(double time) {
        // Ids are recorded in time order, so the expired ones are at the front; <= because at
        // exactly the window's length the interval is over.
        while (!order.isEmpty() && order.peekFirst().at() <= time) {
            acceptedAt.remove(order.pollFirst().id());
        }
    }
}
