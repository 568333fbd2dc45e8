// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import dev.pipewright.engine.api.ConsumerLag;
import dev.pipewright.engine.api.Latency;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one node did during a run, as the report shows it. Counts are messages; latencies are in
 * milliseconds and are {@code NaN} when the node recorded none.
 *
 * <p>Two latencies are reported. The <em>time in node</em> ({@code meanMs} to {@code maxMs}) is
 * the wait from enqueue to delivery for queues, and the service time for consumers, processors
 * and endpoints. The <em>end-to-end</em> time ({@code e2e...}) runs from a message's creation to
 * its completion, for the messages that completed at this node.
 *
 * @param id the node's id in the flow
 * @param name the node's name
 * @param kind the node's kind as flow files name it ({@code queue}, {@code consumer}, ...)
 * @param in messages that entered the node
 * @param out messages that left the node (delivered, forwarded, completed or published)
 * @param ratePerSecond messages out per second of virtual time, averaged over the run
 * @param depth messages held at the end of the run (ready, unacknowledged, scheduled, in work)
 * @param meanMs mean time in node
 * @param p50Ms median time in node
 * @param p95Ms 95th percentile time in node
 * @param p99Ms 99th percentile time in node
 * @param maxMs largest time in node
 * @param e2eP50Ms median end-to-end time of messages completed here
 * @param e2eP95Ms 95th percentile end-to-end time
 * @param e2eP99Ms 99th percentile end-to-end time
 * @param redelivered deliveries after the first
 * @param deadLettered messages this node dead-lettered (or, for a dead-letter queue, received)
 * @param expired messages whose time to live ran out here
 * @param dropped messages lost here (overflow, reject, unroutable)
 * @param meanDepth queues: time-averaged ready count over the measured time; NaN for other kinds
 * @param waitToStart queues: wait from ready until a consumer instance starts the message
 *     (the queue wait, {@code meanMs} and the rest, stops at the delivery); null for other kinds
 * @param confirms sources publishing with confirms: how many publishes were confirmed and nacked;
 *     null for other nodes
 * @param utilisation consumers: the share of their available (not crashed) instance time spent
 *     processing, 0 to 1; NaN for other kinds and live runs
 * @param waitToStartByPriority queues with priorities: {@code waitToStart} per priority level
 *     seen, lowest first; empty otherwise
 * @param duplicates consumers: messages delivered and acknowledged again after a first
 *     acknowledgement (at-least-once delivery, as after a lost connection); idempotent receivers:
 *     duplicates they removed
 * @param lag queues under the Kafka profile: each consumer group's lag per partition at the end of
 *     the run; empty otherwise
 * @param replies sources with a reply queue (request/reply): requests sent, replies in time and
 *     requests timed out; null for other nodes
 */
public record NodeReport(String id, String name, String kind, long in, long out, double ratePerSecond,
                         long depth, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs,
                         double e2eP50Ms, double e2eP95Ms, double e2eP99Ms,
                         long redelivered, long deadLettered, long expired, long dropped,
                         double meanDepth, Latency waitToStart, Confirms confirms,
                         double utilisation, Map<Integer, Latency> waitToStartByPriority, long duplicates,
                         List<ConsumerLag> lag, Replies replies) {

    /** A source's request/reply: requests sent, those answered within the reply timeout, those timed out. */
    public record Replies(long requests, long replies, long timedOut) {
    }

    /** A report without request/reply figures. */
    public NodeReport(String id, String name, String kind, long in, long out, double ratePerSecond,
                      long depth, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs,
                      double e2eP50Ms, double e2eP95Ms, double e2eP99Ms,
                      long redelivered, long deadLettered, long expired, long dropped,
                      double meanDepth, Latency waitToStart, Confirms confirms,
                      double utilisation, Map<Integer, Latency> waitToStartByPriority, long duplicates,
                      List<ConsumerLag> lag) {
        this(id, name, kind, in, out, ratePerSecond, depth, meanMs, p50Ms, p95Ms, p99Ms, maxMs, e2eP50Ms, e2eP95Ms,
                e2eP99Ms, redelivered, deadLettered, expired, dropped, meanDepth, waitToStart, confirms, utilisation,
                waitToStartByPriority, duplicates, lag, null);
    }

    /** A source's publisher confirms: publishes every queue took, and publishes a queue refused. */
    public record Confirms(long confirmed, long nacked) {
    }

    public NodeReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        waitToStartByPriority = waitToStartByPriority == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(waitToStartByPriority));
        lag = lag == null ? List.of() : List.copyOf(lag);
    }

    /** A report without the queue-only figures. */
    public NodeReport(String id, String name, String kind, long in, long out, double ratePerSecond,
                      long depth, double meanMs, double p50Ms, double p95Ms, double p99Ms, double maxMs,
                      double e2eP50Ms, double e2eP95Ms, double e2eP99Ms,
                      long redelivered, long deadLettered, long expired, long dropped) {
        this(id, name, kind, in, out, ratePerSecond, depth, meanMs, p50Ms, p95Ms, p99Ms, maxMs, e2eP50Ms, e2eP95Ms,
                e2eP99Ms, redelivered, deadLettered, expired, dropped, Double.NaN, null, null, Double.NaN, Map.of(), 0, List.of());
    }

    /**
     * The count a person means by {@code node.count}: messages that reached the node, or for a
     * source (which has no input) the messages it produced.
     */
    public long count() {
        return "source".equals(kind) ? out : in;
    }
}
