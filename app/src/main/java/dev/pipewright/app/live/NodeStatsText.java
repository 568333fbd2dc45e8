// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.app.skin.KindSkin;
import dev.pipewright.app.skin.KindSkins;
import dev.pipewright.engine.api.ConsumerLag;
import dev.pipewright.engine.api.Latency;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.model.NodeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A node's statistics as rows of (name, value) for the hover card and the live inspector, and the
 * short texts of the badges on its card. Only the rows that mean something for the kind (as its
 * {@link KindSkin skin} says) are given.
 */
public final class NodeStatsText {
    /** One row of the card. */
    public record Row(String name, String value) {
    }

    /** Priority levels shown one row each, highest first (a RabbitMQ queue may have 255). */
    private static final int MAX_PRIORITY_ROWS = 10;

    private NodeStatsText() {
    }

    /**
     * The rows for {@code s}.
     *
     * @param inRate messages in per second lately (from {@link RateMeter}), NaN if unknown
     * @param outRate messages out per second lately
     */
    public static List<Row> rows(NodeStats s, double inRate, double outRate) {
        List<Row> rows = new ArrayList<>();
        KindSkin<?> skin = KindSkins.of(s.kind());
        if (!skin.onlySends()) {
            rows.add(new Row("In", LiveFormat.count(s.in()) + "   (" + LiveFormat.rate(inRate) + ")"));
        }
        rows.add(new Row(skin.onlySends() ? "Published" : "Out",
                LiveFormat.count(s.out()) + "   (" + LiveFormat.rate(outRate) + ")"));
        if (skin.holdsMessages()) {
            rows.add(new Row("Depth", LiveFormat.count(s.depth())));
            rows.add(new Row("Ready / unacked / sched.", LiveFormat.count(s.ready()) + " / "
                    + LiveFormat.count(s.unacked()) + " / " + LiveFormat.count(s.scheduled())));
            rows.add(new Row("Mean ready", LiveFormat.number(s.meanReady(), 2)));
        }
        if (skin.showsInstances()) {
            rows.add(new Row("Instances", instances(s)));
        }
        if (skin.downState() != null) {
            rows.add(new Row("State", s.up() ? "up" : skin.downState()));
        }
        Latency here = s.timeInNode() == null ? Latency.NONE : s.timeInNode();
        if (skin.timeRowLabel() != null) {
            rows.add(new Row(skin.timeRowLabel(), percentiles(here)));
        }
        Latency start = s.waitToStart() == null ? Latency.NONE : s.waitToStart();
        if (skin.holdsMessages() && start.count() > 0) {
            // The queue wait stops at the delivery; this one runs on through the consumer's prefetch buffer.
            rows.add(new Row("Wait to start p50/95/99", percentiles(start)));
            int shown = 0;
            for (var level : new TreeMap<>(s.waitToStartByPriority()).descendingMap().entrySet()) {
                if (shown++ == MAX_PRIORITY_ROWS) {
                    break;
                }
                rows.add(new Row("  priority " + level.getKey() + " p50/95/99", percentiles(level.getValue())));
            }
        }
        if (!Double.isNaN(s.utilisation())) {
            rows.add(new Row("Utilisation", LiveFormat.number(100 * s.utilisation(), 1) + "% busy"));
        }
        Latency e2e = s.endToEnd() == null ? Latency.NONE : s.endToEnd();
        if (e2e.count() > 0) {
            rows.add(new Row("End to end p50/99", LiveFormat.millis(e2e.p50Ms()) + " / " + LiveFormat.millis(e2e.p99Ms())));
        }
        rows.add(new Row("Redelivered", LiveFormat.count(s.redelivered())));
        rows.add(new Row("Dead-lettered", LiveFormat.count(s.deadLettered())));
        rows.add(new Row("Expired", LiveFormat.count(s.expired())));
        if (s.dropped() > 0) {
            rows.add(new Row("Dropped", LiveFormat.count(s.dropped())));
        }
        if (s.failed() > 0) {
            rows.add(new Row("Failed attempts", LiveFormat.count(s.failed())));
        }
        if (s.filtered() > 0) {
            rows.add(new Row("Filtered", LiveFormat.count(s.filtered())));
        }
        if (s.duplicatesCaught() > 0) {
            rows.add(new Row("Duplicates caught", LiveFormat.count(s.duplicatesCaught())));
        }
        if (s.requests() > 0) {
            rows.add(new Row("Requests / replies / timed out", LiveFormat.count(s.requests()) + " / "
                    + LiveFormat.count(s.replies()) + " / " + LiveFormat.count(s.timedOut())));
        }
        if (s.confirmed() + s.nacked() > 0) {
            rows.add(new Row("Confirmed / nacked", LiveFormat.count(s.confirmed()) + " / "
                    + LiveFormat.count(s.nacked())));
        }
        for (ConsumerLag lag : s.lag()) {
            rows.add(new Row("Lag of " + lag.group(), lagText(lag)));
        }
        return rows;
    }

    /** Partitions a lag row names one by one; the report has them all. */
    private static final int LAG_PARTITIONS_SHOWN = 4;

    /** {@code 12   (p0 5, p1 7)}: a Kafka consumer group's lag, in total and for its first partitions. */
    static String lagText(ConsumerLag lag) {
        StringBuilder b = new StringBuilder(LiveFormat.count(lag.total()));
        if (lag.partitions() > 1) {
            b.append("   (");
            int shown = Math.min(lag.partitions(), LAG_PARTITIONS_SHOWN);
            for (int p = 0; p < shown; p++) {
                b.append(p == 0 ? "" : ", ").append('p').append(p).append(' ').append(LiveFormat.count(lag.partition(p)));
            }
            b.append(shown < lag.partitions() ? ", ...)" : ")");
        }
        return b.toString();
    }

    private static String percentiles(Latency l) {
        return LiveFormat.millis(l.p50Ms()) + " / " + LiveFormat.millis(l.p95Ms()) + " / " + LiveFormat.millis(l.p99Ms());
    }

    /** {@code 2 busy, 1 idle, 1 crashed}. */
    public static String instances(NodeStats s) {
        StringBuilder b = new StringBuilder();
        b.append(s.busy()).append(" busy, ").append(s.idle()).append(" idle");
        if (s.crashed() > 0) {
            b.append(", ").append(s.crashed()).append(" crashed");
        }
        if (s.paused() > 0) {
            b.append(", paused");
        }
        return b.toString();
    }

    /** The badge on a card: the rate that matters most for the kind (out for kinds that only send, in otherwise). */
    public static String rateBadge(NodeKind kind, double inRate, double outRate) {
        return LiveFormat.rate(KindSkins.of(kind).onlySends() ? outRate : inRate);
    }

    /** The depth badge of a queue: {@code 42 queued} or {@code 42 / 1,000}. */
    public static String depthBadge(NodeStats s, Integer maxLength) {
        return maxLength == null ? LiveFormat.count(s.depth()) + " queued"
                : LiveFormat.count(s.depth()) + " / " + LiveFormat.count(maxLength);
    }

    /**
     * The pips of a consumer's instances, in order busy, idle, paused, crashed: one letter each
     * ({@code B}, {@code I}, {@code P}, {@code C}); the view draws a dot of that colour.
     */
    public static String pips(NodeStats s) {
        StringBuilder b = new StringBuilder();
        int pausedIdle = s.paused() > 0 ? Math.max(0, s.paused() - s.busy()) : 0;
        b.append("B".repeat(Math.max(0, s.busy())));
        b.append("I".repeat(Math.max(0, s.idle())));
        b.append("P".repeat(pausedIdle));
        b.append("C".repeat(Math.max(0, s.crashed())));
        return b.toString();
    }
}
