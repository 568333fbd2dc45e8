// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.api.EdgeStats;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.Snapshot;
import java.util.HashMap;
import java.util.Map;

/**
 * Rates computed from the differences between snapshots: for each node (in and out) and each
 * edge (crossings), the count gained over the last {@link #WINDOW_SECONDS} of virtual time divided
 * by the virtual time that passed. Counts, not frames, make the rate, so a frame the display
 * dropped, or a snapshot seen twice, changes nothing.
 */
public final class RateMeter {
    /** Virtual seconds a rate looks back over. */
    public static final double WINDOW_SECONDS = 2.0;
    private static final int CAPACITY = 128;

    private final Map<String, History> nodeIn = new HashMap<>();
    private final Map<String, History> nodeOut = new HashMap<>();
    private final Map<String, History> edges = new HashMap<>();
    private double lastTime = Double.NaN;
    private long lastEvents = -1;

    /** Takes in a snapshot; one already taken in (same time and events) is ignored. */
    public void accept(Snapshot s) {
        if (s.time() == lastTime && s.events() == lastEvents) {
            return;
        }
        if (s.time() < lastTime || s.events() < lastEvents) {
            clear(); // a reset: a new run starts from zero
        }
        lastTime = s.time();
        lastEvents = s.events();
        for (NodeStats n : s.nodes().values()) {
            nodeIn.computeIfAbsent(n.nodeId(), k -> new History()).add(s.time(), n.in());
            nodeOut.computeIfAbsent(n.nodeId(), k -> new History()).add(s.time(), n.out());
        }
        for (EdgeStats e : s.edges().values()) {
            edges.computeIfAbsent(e.edgeId(), k -> new History()).add(s.time(), e.crossed());
        }
    }

    /** Forgets everything, e.g. when the run is reset. */
    public void clear() {
        nodeIn.clear();
        nodeOut.clear();
        edges.clear();
        lastTime = Double.NaN;
        lastEvents = -1;
    }

    /** Messages into the node per virtual second, NaN until two snapshots cover some time. */
    public double nodeInRate(String nodeId) {
        History h = nodeIn.get(nodeId);
        return h == null ? Double.NaN : h.rate();
    }

    public double nodeOutRate(String nodeId) {
        History h = nodeOut.get(nodeId);
        return h == null ? Double.NaN : h.rate();
    }

    /** Crossings of the edge per virtual second. */
    public double edgeRate(String edgeId) {
        History h = edges.get(edgeId);
        return h == null ? Double.NaN : h.rate();
    }

    /** A ring of (time, count) samples; no allocation after construction. */
    private static final class History {
        private final double[] times = new double[CAPACITY];
        private final long[] counts = new long[CAPACITY];
        private int size;
        private int head; // index of the newest sample

        void add(double time, long count) {
            head = (head + 1) % CAPACITY;
            times[head] = time;
            counts[head] = count;
            size = Math.min(size + 1, CAPACITY);
        }

        double rate() {
            if (size < 2) {
                return Double.NaN;
            }
            double now = times[head];
            int oldest = head;
            // Walk back to the oldest sample still inside the window (keeping at least one step).
            for (int i = 1; i < size; i++) {
                int idx = Math.floorMod(head - i, CAPACITY);
                oldest = idx;
                if (now - times[idx] >= WINDOW_SECONDS) {
                    break;
                }
            }
            double dt = now - times[oldest];
            return dt > 0 ? (counts[head] - counts[oldest]) / dt : Double.NaN;
        }
    }
}
