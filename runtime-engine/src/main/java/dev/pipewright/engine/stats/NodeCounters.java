// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import dev.pipewright.engine.api.Latency;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.SeriesPoint;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.NodeKind;
import dev.pipewright.engine.api.ConsumerLag;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statistics one entity writes as it works. Plain fields, because the entity increments them
 * on the hot path; only the engine thread touches them, and readers get copies in a
 * {@link NodeStats}. The gauges (ready, busy, ...) are filled in by the entity just before a
 * snapshot or sample is taken.
 */
public final class NodeCounters {
    private final String nodeId;
    private final NodeKind kind;

    public long in;
    public long out;
    public long completed;
    public long redelivered;
    public long deadLettered;
    public long expired;
    public long dropped;
    public long filtered;
    public long duplicatesCaught;
    public long failed;
    public long requests;
    public long replies;
    public long timedOut;
    public long confirmed;
    public long nacked;

    /** Time in node: queue wait, service time, store time. */
    public final LatencyRecorder timeInNode = new LatencyRecorder(true);
    /**
     * Queues: wait from ready to a consumer instance starting the message, so the time in a
     * consumer's prefetch buffer too (M/M/c's Wq); {@link #timeInNode} stops at the delivery.
     */
    public final LatencyRecorder waitToStart = new LatencyRecorder(false);
    /** End-to-end latency of messages that completed here. */
    public final LatencyRecorder endToEnd = new LatencyRecorder(false);

    // Gauges, set by the entity through Gauges before each snapshot or sample.
    public long ready;
    public long unacked;
    public long scheduled;
    public long inFlight;
    public int busy;
    public int idle;
    public int crashed;
    public int paused;
    public boolean up = true;
    /** Kafka topics: each consumer group's lag; empty for everything else. */
    public List<ConsumerLag> lag = List.of();

    // Time-weighted gauges: the ready count (mean queue length), and a consumer's busy and
    // available (not crashed) instances, whose areas' ratio is its utilisation.
    private final TimeWeighted readyOverTime = new TimeWeighted();
    private final TimeWeighted busyOverTime = new TimeWeighted();
    private final TimeWeighted upOverTime = new TimeWeighted();
    private boolean hasInstances;
    private double statsStart;
    /** Queues with priorities: wait to start per priority level, made when a level is first seen. */
    private LatencyRecorder[] waitToStartByLevel;

    private final RateWindow inRate = new RateWindow();
    private final RateWindow outRate = new RateWindow();
    private final SeriesBuffer series = new SeriesBuffer(Snapshot.SERIES_CAPACITY);

    public NodeCounters(String nodeId, NodeKind kind) {
        this.nodeId = nodeId;
        this.kind = kind;
    }

    public String nodeId() {
        return nodeId;
    }

    /** Tells the counters the ready count changed to {@code ready} at {@code now}, for the time-weighted mean. */
    public void readyChanged(double now, long newReady) {
        readyOverTime.set(now, newReady);
    }

    /** Tells the counters a consumer now has {@code busy} instances working and {@code up} not crashed. */
    public void instancesChanged(double now, int busy, int up) {
        hasInstances = true;
        busyOverTime.set(now, busy);
        upOverTime.set(now, up);
    }

    /**
     * Records a queue's wait to start of processing for a message of priority {@code level}
     * (0 to {@code maxLevel}); {@code maxLevel} 0 means the queue has no priorities.
     */
    public void recordWaitToStart(double seconds, int level, int maxLevel) {
        waitToStart.record(seconds);
        if (maxLevel > 0) {
            if (waitToStartByLevel == null || waitToStartByLevel.length != maxLevel + 1) {
                waitToStartByLevel = new LatencyRecorder[maxLevel + 1];
            }
            LatencyRecorder r = waitToStartByLevel[level];
            if (r == null) {
                r = new LatencyRecorder(false);
                waitToStartByLevel[level] = r;
            }
            r.record(seconds);
        }
    }

    /** Takes one time-series sample at {@code time} (gauges must be current). */
    public void sample(double time) {
        double[] p = timeInNode.takeInterval();
        double rin = inRate.tick(time, in);
        double rout = outRate.tick(time, out);
        series.add(new SeriesPoint(time, rin, rout, ready + unacked + scheduled + inFlight, p[0], p[1], p[2],
                SeriesPoint.totalLag(lag)));
    }

    /** Copies everything into an immutable {@link NodeStats} (gauges must be current). */
    public NodeStats toStats(double now) {
        double span = now - statsStart;
        double meanReady = span > 0 ? readyOverTime.area(now) / span : readyOverTime.value();
        double upArea = upOverTime.area(now);
        double utilisation = !hasInstances ? Double.NaN
                : upArea > 0 ? busyOverTime.area(now) / upArea : 0;
        return new NodeStats(nodeId, kind, in, out, ready, unacked, scheduled, inFlight,
                inRate.rate(now, in), outRate.rate(now, out), meanReady,
                timeInNode.summary(), endToEnd.summary(), completed, redelivered, deadLettered, expired, dropped,
                filtered, duplicatesCaught, failed, busy, idle, crashed, paused, up, requests, replies, timedOut,
                series.toList(), waitToStart.summary(), confirmed, nacked, utilisation, byLevel(), lag);
    }

    private Map<Integer, Latency> byLevel() {
        if (waitToStartByLevel == null) {
            return Map.of();
        }
        Map<Integer, Latency> byLevel = new TreeMap<>();
        for (int level = 0; level < waitToStartByLevel.length; level++) {
            if (waitToStartByLevel[level] != null) {
                byLevel.put(level, waitToStartByLevel[level].summary());
            }
        }
        return byLevel;
    }

    /** Starts the statistics afresh at {@code now} (gauges keep their values). */
    public void reset(double now) {
        in = out = completed = redelivered = deadLettered = expired = dropped = filtered = 0;
        duplicatesCaught = failed = requests = replies = timedOut = confirmed = nacked = 0;
        timeInNode.reset();
        waitToStart.reset();
        endToEnd.reset();
        readyOverTime.reset(now);
        busyOverTime.reset(now);
        upOverTime.reset(now);
        waitToStartByLevel = null;
        statsStart = now;
        inRate.reset(now, 0);
        outRate.reset(now, 0);
        series.clear();
    }
}
