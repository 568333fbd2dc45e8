// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.PubSubLimits;

/**
 * How an ordered queue tells its messages' groups apart: an SQS FIFO queue's message groups, or a
 * Pub/Sub subscription's ordering keys. Either way one message of a group is in flight at a time,
 * in order; they differ in what a message without a key is and in deduplication.
 */
enum MessageOrdering {
    /** SQS FIFO: {@code MessageGroupId}, else the routing key; every message has a group (keyless ones share one); 5-minute deduplication. */
    SQS("MessageGroupId", true),
    /** Pub/Sub: {@code orderingKey}, else the routing key; a message without either is not ordered; no deduplication. */
    PUBSUB(PubSubLimits.ORDERING_KEY_HEADER, false);

    private final String header;
    private final boolean deduplicates;

    MessageOrdering(String header, boolean deduplicates) {
        this.header = header;
        this.deduplicates = deduplicates;
    }

    /** Whether a message repeating a deduplication id within the window is dropped (SQS FIFO). */
    boolean deduplicates() {
        return deduplicates;
    }

    /** The group {@code m} is ordered within; null for a message that is not ordered. */
    String keyOf(Message m) {
        String key = m.headers == null ? null : m.headers.get(header);
        if (key == null) {
            key = m.routingKey;
        }
        if (key == null || key.isEmpty()) {
            return this == SQS ? "" : null;
        }
        return key;
    }
}
