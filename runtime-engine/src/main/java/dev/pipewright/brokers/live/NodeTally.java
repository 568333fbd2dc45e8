// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.engine.api.Latency;
import dev.pipewright.engine.stats.LatencyRecorder;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the clients counted at one node of a live run. Written from the client's threads (the
 * publisher, delivery and timer threads), so counters are atomic and the histograms locked.
 * The counters are public fields: they are plain tallies that every live backend adds to.
 */
public final class NodeTally {
    /** Sources: messages sent. */
    public final AtomicLong published = new AtomicLong();
    /** Sources with confirms: sends the broker confirmed. */
    public final AtomicLong confirmed = new AtomicLong();
    /**
     * Sources wired straight to a processor: messages handed to it in the source's own client
     * (counted sent, and confirmed with confirms, as nothing of them reaches the broker as such).
     */
    public final AtomicLong throughProcessors = new AtomicLong();
    /**
     * Sources wired straight to an endpoint: messages handed to it in the source's own client
     * (counted sent, and confirmed with confirms, as nothing of them reaches the broker).
     */
    public final AtomicLong throughEndpoints = new AtomicLong();
    /** Sources with confirms: sends the broker refused. */
    public final AtomicLong nacked = new AtomicLong();
    /** Queues and consumers: deliveries. */
    public final AtomicLong delivered = new AtomicLong();
    /** Queues: deliveries of a message not delivered before. */
    public final AtomicLong firstDeliveries = new AtomicLong();
    /** Queues: deliveries of a message delivered before. */
    public final AtomicLong redelivered = new AtomicLong();
    /** Consumers: messages acknowledged for the first time. */
    public final AtomicLong acked = new AtomicLong();
    /** Consumers: messages acknowledged again after a first acknowledgement (at-least-once). */
    public final AtomicLong duplicates = new AtomicLong();
    /** Consumers: failed processing attempts. */
    public final AtomicLong failed = new AtomicLong();
    /** Consumers: messages rejected without a requeue (lost, or lost in auto-ack mode). */
    public final AtomicLong rejected = new AtomicLong();
    /** Consumers: messages the consumer sent to its queue's dead-letter target. */
    public final AtomicLong deadLetteredByConsumer = new AtomicLong();
    /** Consumers: deliveries given back unsettled as their channel closed (a crash, a lost connection). */
    public final AtomicLong returned = new AtomicLong();
    /** Processors and endpoints: messages processed (failed ones too), as the simulator's {@code out}. */
    public final AtomicLong processed = new AtomicLong();
    /** Processors: messages removed on purpose (a false filter, a duplicate, nothing to split); queues: publishes the broker dropped as duplicates. */
    public final AtomicLong filtered = new AtomicLong();
    /** Processors: messages lost (failed with no error wire, no route and no default route); endpoints: refused with no failover taking them. */
    public final AtomicLong dropped = new AtomicLong();
    /** Processors: messages finished here (split into parts, or no output wire); endpoints: messages handled. */
    public final AtomicLong completed = new AtomicLong();
    /** Processors: messages made here (a copy for each wire beyond the first, each part of a split). */
    public final AtomicLong made = new AtomicLong();
    /** Processors: duplicates an idempotent receiver caught. */
    public final AtomicLong caught = new AtomicLong();
    /** Sources with a reply queue: requests sent (one per message, whatever its copies). */
    public final AtomicLong requests = new AtomicLong();
    /** Sources with a reply queue: requests whose first reply came back within the reply timeout. */
    public final AtomicLong replies = new AtomicLong();
    /** Sources with a reply queue: requests timed out (the reply came after the timeout, or none before it was given up). */
    public final AtomicLong lateReplies = new AtomicLong();
    /** Consumers that reply: replies published to a request's reply queue. */
    public final AtomicLong repliesSent = new AtomicLong();
    /** Dead-letter queues that retry: messages sent back to their origin. */
    public final AtomicLong retried = new AtomicLong();
    /** Dead-letter queues that retry: messages moved to the parking queue, not sent back any more. */
    public final AtomicLong parked = new AtomicLong();
    /** Consumers, processors and endpoints: deliveries being processed now. */
    public final AtomicInteger busy = new AtomicInteger();
    /** Aggregators and resequencers: inputs held now (in an open group, waiting for a gap), unacknowledged; endpoints: messages waiting in line. */
    public final AtomicLong held = new AtomicLong();
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
