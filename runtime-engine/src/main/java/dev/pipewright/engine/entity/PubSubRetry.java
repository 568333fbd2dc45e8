// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.PubSubLimits;
import dev.pipewright.model.QueueSettings;

/**
 * A Pub/Sub subscription's retry policy: after a nack or an ack deadline that ends, the message is
 * delivered again at once ({@link #IMMEDIATE}), or after an exponential back-off that starts at the
 * minimum and grows by the queue's multiplier up to the maximum (600 s unless set). Pub/Sub applies
 * it on a best-effort basis and does not name its growth factor; the engine uses the queue's
 * redelivery multiplier, so 2 gives 10, 20, 40 ... 600 s.
 *
 * @param minSeconds the first back-off; 0 for immediate redelivery
 * @param multiplier growth per further attempt
 * @param maxSeconds the longest back-off
 */
record PubSubRetry(double minSeconds, double multiplier, double maxSeconds) {
    static final PubSubRetry IMMEDIATE = new PubSubRetry(0, 1, 0);

    static PubSubRetry of(QueueSettings q) {
        if (!PubSubLimits.exponentialRetry(q)) {
            return IMMEDIATE;
        }
        return new PubSubRetry(QueueEntity.seconds(q.redeliveryDelay()), q.redeliveryMultiplier(),
                QueueEntity.seconds(PubSubLimits.maxBackoff(q)));
    }

    /** The wait before delivery {@code deliveries + 1}, after {@code deliveries} that failed. */
    double delayAfter(int deliveries) {
        if (minSeconds <= 0) {
            return 0;
        }
        double d = minSeconds * Math.pow(multiplier, Math.max(0, deliveries - 1));
        return Math.min(d, Math.max(minSeconds, maxSeconds));
    }
}
