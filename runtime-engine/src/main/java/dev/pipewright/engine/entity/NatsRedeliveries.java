// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import java.util.HashMap;
import java.util.Map;

/**
 * Under the NATS profile, the stream messages of one queue that were delivered again while a
 * consumer still held an earlier delivery (its {@code ack_wait} ended in a prefetch or in work):
 * how many of their deliveries consumers hold, and whether one of those was acked already. Keyed
 * by the message's place in the queue, which every delivery of it shares, as JetStream's ack
 * subject names the stream sequence: the ack of any delivery acks the message, so the server
 * delivers it no more, and a later ack of another delivery does nothing (that delivery was a
 * duplicate). An entry goes when no consumer holds a delivery of its message, so there are never
 * more than the deliveries consumers hold (their prefetch).
 */
final class NatsRedeliveries {
    /** One stream message's deliveries held by consumers, and whether one was acked. */
    private static final class Deliveries {
        int held;
        boolean acked;
    }

    private final Map<Long, Deliveries> bySequence = new HashMap<>();

    /** A held delivery of message {@code seq} outlived its {@code ack_wait}, and a copy will go out again. */
    void redelivering(long seq) {
        bySequence.computeIfAbsent(seq, s -> {
            Deliveries d = new Deliveries();
            d.held = 1; // the delivery whose ack_wait ended
            return d;
        });
    }

    /** A consumer took a delivery of message {@code seq}. */
    void delivered(long seq) {
        Deliveries d = bySequence.get(seq);
        if (d != null) {
            d.held++;
        }
    }

    /** A consumer's delivery of message {@code seq} is over (acked, nakked, given up or given back). */
    void released(long seq) {
        Deliveries d = bySequence.get(seq);
        if (d != null && --d.held <= 0) {
            bySequence.remove(seq);
        }
    }

    /**
     * A consumer acks a delivery of message {@code seq} (before {@link #released}).
     *
     * @return whether it is the message's first ack; false: another delivery's ack acked it already
     */
    boolean ack(long seq) {
        Deliveries d = bySequence.get(seq);
        if (d == null) {
            return true;
        }
        boolean first = !d.acked;
        d.acked = true;
        return first;
    }
}
