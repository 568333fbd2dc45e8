// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import dev.pipewright.model.NodeKind;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one node has done so far, as of a {@link Snapshot}. Counters run from the start of the
 * run (or the last {@link Simulation#resetStatistics()}); fields that do not apply to a kind are
 * zero.
 *
 * @param nodeId the node
 * @param kind its kind
 * @param in messages that entered the node (for queues: accepted publishes)
 * @param out messages that left it (queues: deliveries to consumers; consumers and processors:
 *     messages finished; endpoints: messages handled)
 * @param ready queues: messages ready for delivery
 * @param unacked queues: messages delivered and not yet acknowledged
 * @param scheduled queues: messages waiting for a delivery delay, a redelivery delay or a retry
 * @param inFlight messages held by the node outside the three counts above (consumer auto-ack
 *     buffers, processor work and buffers, endpoint work, store contents)
 * @param rateIn messages in per second over the last one to two sample intervals
 * @param rateOut messages out per second, as {@code rateIn}
 * @param meanReady queues: time-weighted mean number of ready messages (the queue length L)
 * @param timeInNode queues: wait from enqueue to delivery; consumers, processors, endpoints:
 *     service time; stores: time until forwarded
 * @param endToEnd time from creation to completion of the messages that completed here
 * @param completed messages that completed here (see {@link Conservation})
 * @param redelivered queues: deliveries of a message that had been delivered before
 * @param deadLettered queues: messages this queue sent along its dead-letter wire (any reason)
 * @param expired queues: messages whose time to live ran out here (dead-lettered or not)
 * @param dropped messages lost here
 * @param filtered messages removed on purpose here
 * @param duplicatesCaught idempotent receivers: duplicates removed
 * @param failed consumers, processors, stores: failed processing or forwarding attempts
 * @param busy consumers and processors and endpoints: instances (slots) working now
 * @param idle consumers, processors, endpoints: instances (slots) free now
 * @param crashed consumers: instances crashed now
 * @param paused consumers: instances paused now
 * @param up endpoints: false while down; stores: false once deactivated; sources: false when not
 *     publishing (rate zero or message limit reached); true otherwise
 * @param requests sources with a reply queue: requests sent
 * @param replies sources with a reply queue: replies received in time
 * @param timedOut sources with a reply queue: requests whose timeout passed without a reply
 * @param series the most recent samples, oldest first, at most {@link Snapshot#SERIES_CAPACITY}
 * @param waitToStart queues: wait from ready until a consumer instance starts the message (the
 *     queue wait {@code timeInNode} plus the time in the consumer's prefetch buffer)
 * @param confirmed sources publishing with confirms: publishes every queue took
 * @param nacked sources publishing with confirms: publishes a queue refused
 * @param utilisation consumers: busy instance-seconds over available (not crashed)
 *     instance-seconds, from 0 to 1; {@code NaN} for other kinds
 * @param waitToStartByPriority queues with priorities: {@code waitToStart} per priority level
 *     seen (after clamping to the queue's maximum), lowest first; empty otherwise
 * @param lag queues under the Kafka profile: each consumer group's lag per partition; empty otherwise
 */
public record NodeStats(String nodeId, NodeKind kind, long in, long out, long ready, long unacked, long scheduled,
                        long inFlight, double rateIn, double rateOut, double meanReady,
                        Latency timeInNode, Latency endToEnd, long completed, long redelivered,
                        long deadLettered, long expired, long dropped, long filtered, long duplicatesCaught,
                        long failed, int busy, int idle, int crashed, int paused, boolean up,
                        long requests, long replies, long timedOut, List<SeriesPoint> series,
                        Latency waitToStart, long confirmed, long nacked,
                        double utilisation, Map<Integer, Latency> waitToStartByPriority, List<ConsumerLag> lag) {

    public NodeStats {
        lag = lag == null ? List.of() : List.copyOf(lag);
        // A compact series is immutable already, and copying it would make an object of every sample.
        series = series instanceof CompactSeries ? series : List.copyOf(series);
        waitToStartByPriority = waitToStartByPriority == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(waitToStartByPriority));
    }

    /** These stats with {@code groups}' lag (a Kafka topic's consumer groups). */
    public NodeStats withLag(List<ConsumerLag> groups) {
        return new NodeStats(nodeId, kind, in, out, ready, unacked, scheduled, inFlight, rateIn, rateOut, meanReady,
                timeInNode, endToEnd, completed, redelivered, deadLettered, expired, dropped, filtered,
                duplicatesCaught, failed, busy, idle, crashed, paused, up, requests, replies, timedOut, series,
                waitToStart, confirmed, nacked, utilisation, waitToStartByPriority, groups);
    }

    /** Stats without a utilisation or waits per priority (live runs, which do not measure them). */
    public NodeStats(String nodeId, NodeKind kind, long in, long out, long ready, long unacked, long scheduled,
                     long inFlight, double rateIn, double rateOut, double meanReady,
                     Latency timeInNode, Latency endToEnd, long completed, long redelivered,
                     long deadLettered, long expired, long dropped, long filtered, long duplicatesCaught,
                     long failed, int busy, int idle, int crashed, int paused, boolean up,
                     long requests, long replies, long timedOut, List<SeriesPoint> series,
                     Latency waitToStart, long confirmed, long nacked) {
        this(nodeId, kind, in, out, ready, unacked, scheduled, inFlight, rateIn, rateOut, meanReady, timeInNode,
                endToEnd, completed, redelivered, deadLettered, expired, dropped, filtered, duplicatesCaught, failed,
                busy, idle, crashed, paused, up, requests, replies, timedOut, series, waitToStart, confirmed, nacked,
                Double.NaN, Map.of(), List.of());
    }

    /** Stats without a wait to start of processing ({@link Latency#NONE}). */
    public NodeStats(String nodeId, NodeKind kind, long in, long out, long ready, long unacked, long scheduled,
                     long inFlight, double rateIn, double rateOut, double meanReady,
                     Latency timeInNode, Latency endToEnd, long completed, long redelivered,
                     long deadLettered, long expired, long dropped, long filtered, long duplicatesCaught,
                     long failed, int busy, int idle, int crashed, int paused, boolean up,
                     long requests, long replies, long timedOut, List<SeriesPoint> series) {
        this(nodeId, kind, in, out, ready, unacked, scheduled, inFlight, rateIn, rateOut, meanReady, timeInNode,
                endToEnd, completed, redelivered, deadLettered, expired, dropped, filtered, duplicatesCaught, failed,
                busy, idle, crashed, paused, up, requests, replies, timedOut, series, Latency.NONE, 0, 0,
                Double.NaN, Map.of(), List.of());
    }

    /** Ready + unacknowledged + scheduled: what a queue holds. */
    public long depth() {
        return ready + unacked + scheduled;
    }
}
