// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.app.skin.KindSkin;
import dev.pipewright.app.skin.KindSkins;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.SeriesPoint;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The points the live charts draw, taken from the nodes' time series: for one node, or for the
 * whole flow (in = what sources publish, out = what leaves the flow's last nodes, depth = all
 * queues, lag = all Kafka consumer groups, latency = the queue that waits longest). At most {@link #MAX_POINTS} per line: longer
 * windows keep every n-th sample.
 *
 * @param title what the charts show, e.g. {@code orders (queue)} or {@code Whole flow}
 * @param points the samples inside the window, oldest first
 */
public record ChartData(String title, List<SeriesPoint> points) {
    /** Most points drawn per line. */
    public static final int MAX_POINTS = 150;

    public ChartData {
        Objects.requireNonNull(title, "title");
        points = List.copyOf(points);
    }

    /** The series of {@code nodeId} in the last {@code windowSeconds} of virtual time. */
    public static ChartData forNode(Snapshot s, Node node, double windowSeconds) {
        NodeStats n = s.nodes().get(node.id());
        List<SeriesPoint> all = n == null ? List.of() : n.series();
        return new ChartData(node.name() + " (" + node.kind().displayName().toLowerCase(java.util.Locale.ROOT) + ")",
                thin(window(all, s.time(), windowSeconds)));
    }

    /** The whole flow's series in the last {@code windowSeconds} of virtual time. */
    public static ChartData forFlow(Snapshot s, Flow flow, double windowSeconds) {
        Map<Double, double[]> byTime = new HashMap<>(); // in, out, depth, p50, p95, p99, lag
        List<Double> times = new ArrayList<>();
        for (Node node : flow.nodes()) {
            NodeStats n = s.nodes().get(node.id());
            if (n == null) {
                continue;
            }
            KindSkin<?> skin = KindSkins.of(node);
            boolean source = skin.onlySends();
            boolean sink = flow.outgoing(node.id()).isEmpty() && !source;
            boolean queue = skin.holdsMessages();
            for (SeriesPoint p : window(n.series(), s.time(), windowSeconds)) {
                double[] v = byTime.computeIfAbsent(p.time(), t -> {
                    times.add(t);
                    return new double[] {0, 0, 0, Double.NaN, Double.NaN, Double.NaN, SeriesPoint.NO_LAG};
                });
                if (source) {
                    v[0] += p.outRate();
                }
                if (sink) {
                    v[1] += p.outRate();
                }
                if (p.hasLag()) {
                    v[6] = Math.max(v[6], 0) + p.lag();
                }
                if (queue) {
                    v[2] += p.depth();
                    if (Double.isFinite(p.p99Ms()) && !(p.p99Ms() <= v[5])) {
                        v[3] = p.p50Ms();
                        v[4] = p.p95Ms();
                        v[5] = p.p99Ms();
                    }
                }
            }
        }
        times.sort(Double::compare);
        List<SeriesPoint> points = new ArrayList<>(times.size());
        for (double t : times) {
            double[] v = byTime.get(t);
            points.add(new SeriesPoint(t, v[0], v[1], (long) v[2], v[3], v[4], v[5], (long) v[6]));
        }
        return new ChartData("Whole flow", thin(points));
    }

    static List<SeriesPoint> window(List<SeriesPoint> all, double now, double windowSeconds) {
        int from = all.size();
        while (from > 0 && all.get(from - 1).time() > now - windowSeconds - 1e-9) {
            from--;
        }
        return all.subList(from, all.size());
    }

    static List<SeriesPoint> thin(List<SeriesPoint> points) {
        if (points.size() <= MAX_POINTS) {
            return points;
        }
        int every = (points.size() + MAX_POINTS - 1) / MAX_POINTS;
        List<SeriesPoint> kept = new ArrayList<>(MAX_POINTS + 1);
        // Keep the newest point, and every n-th counting back from it.
        for (int i = points.size() - 1; i >= 0; i -= every) {
            kept.add(points.get(i));
        }
        java.util.Collections.reverse(kept);
        return kept;
    }

    /** Whether any point has a consumer-group lag (a Kafka topic, or a flow with one). */
    public boolean hasLag() {
        return points.stream().anyMatch(SeriesPoint::hasLag);
    }
}
