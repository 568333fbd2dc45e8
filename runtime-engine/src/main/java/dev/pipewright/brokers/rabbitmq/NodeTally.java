// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import dev.pipewright.engine.api.Latency;
import dev.pipewright.engine.stats.LatencyRecorder;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the clients counted at one node of a live run. Written from the client's threads (the
 * publisher, delivery and timer threads), so counters are atomic and the histograms locked.
 */
final class NodeTally {
    final AtomicLong published = new AtomicLong();
    final AtomicLong confirmed = new AtomicLong();
    final AtomicLong nacked = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong firstDeliveries = new AtomicLong();
    final AtomicLong redelivered = new AtomicLong();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong deadLetteredByConsumer = new AtomicLong();
    final AtomicInteger busy = new AtomicInteger();
    private final LatencyRecorder service = new LatencyRecorder(false);
    private final LatencyRecorder endToEnd = new LatencyRecorder(false);
    private final LatencyRecorder wait = new LatencyRecorder(false);

    synchronized void recordService(double seconds) {
        service.record(seconds);
    }

    synchronized void recordEndToEnd(double seconds) {
        endToEnd.record(seconds);
    }

    synchronized void recordWait(double seconds) {
        wait.record(seconds);
    }

    synchronized Latency service() {
        return service.summary();
    }

    synchronized Latency endToEnd() {
        return endToEnd.summary();
    }

    synchronized Latency waitTime() {
        return wait.summary();
    }
}
