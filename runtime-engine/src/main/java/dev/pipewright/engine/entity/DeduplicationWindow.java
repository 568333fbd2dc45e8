// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * An SQS FIFO queue's deduplication: a message whose deduplication id was accepted within the last
 * 5 minutes is accepted again but not delivered (Amazon SQS Developer Guide, "Using the message
 * deduplication ID"). The id is the header {@code MessageDeduplicationId} when a message has one,
 * else the publisher's message id, which a duplicate publish shares.
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

    private record Seen(String id, double at) {
    }

    private final Map<String, Double> acceptedAt = new HashMap<>();
    private final ArrayDeque<Seen> order = new ArrayDeque<>();

    /** True when {@code m} repeats an id accepted less than 5 minutes before {@code now}; otherwise records it. */
    boolean duplicate(Message m, double now) {
        forgetBefore(now - WINDOW_SECONDS);
        String id = m.headers == null ? null : m.headers.get(HEADER);
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
        // exactly 5 minutes the interval is over.
        while (!order.isEmpty() && order.peekFirst().at() <= time) {
            acceptedAt.remove(order.pollFirst().id());
        }
    }
}
