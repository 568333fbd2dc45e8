// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.api.EdgeStats;
import java.util.Arrays;

/**
 * The animated dots, as numbers: which wire each dot is on, how far along it (0 to 1), and what
 * kind of message it shows. Pure arithmetic, so the spawning rules are tested without a screen;
 * the view draws dot {@code i} with pooled circle {@code i}.
 *
 * <p>New dots come from each edge's crossings since the last snapshot, one dot per message at low
 * rates. At high rates a wire may start at most {@code maxPerWire / travelSeconds} dots per wall
 * second and hold at most {@code maxPerWire}; the field holds at most {@code maxTotal}. Then a
 * dot stands for many messages (see {@link #messagesPerDot}) and the wire's label gives the real
 * rate. A dot crosses its wire in {@code travelSeconds} of wall time, whatever the speed of the run.
 * Nothing is allocated once the field is sized.
 */
public final class DotField {
    /** A first delivery or an ordinary publish. */
    public static final int OK = 0;
    /** A delivery after a requeue. */
    public static final int REDELIVERED = 1;
    /** A dead-lettered message. */
    public static final int DEAD_LETTERED = 2;
    /** A message that expired. */
    public static final int EXPIRED = 3;
    private static final int OUTCOMES = 4;

    private final int maxPerWire;
    private final int maxTotal;
    private final double travelSeconds;

    private final int[] dotEdge;
    private final double[] dotProgress;
    private final byte[] dotOutcome;
    private int count;

    private int[] alive = new int[0];
    private long[][] last = new long[0][];
    private boolean[] known = new boolean[0];
    private double[] budget = new double[0];
    private double[] perDot = new double[0];
    private final long[] delta = new long[OUTCOMES];
    private final int[] share = new int[OUTCOMES];
    private final long[] counts = new long[OUTCOMES];

    public DotField(int maxPerWire, int maxTotal, double travelSeconds) {
        if (maxPerWire < 1 || maxTotal < 1 || !(travelSeconds > 0)) {
            throw new IllegalArgumentException("the dot limits and travel time must be positive");
        }
        this.maxPerWire = maxPerWire;
        this.maxTotal = maxTotal;
        this.travelSeconds = travelSeconds;
        dotEdge = new int[maxTotal];
        dotProgress = new double[maxTotal];
        dotOutcome = new byte[maxTotal];
    }

    /** The defaults of the live view: 40 a wire, 2,000 in all, 0.7 s to cross a wire. */
    public static DotField standard() {
        return new DotField(40, 2000, 0.7);
    }

    /** Prepares for {@code edges} wires, numbered from 0, and removes every dot. */
    public void resize(int edges) {
        count = 0;
        alive = new int[edges];
        last = new long[edges][OUTCOMES];
        known = new boolean[edges];
        budget = new double[edges];
        perDot = new double[edges];
        Arrays.fill(perDot, 1);
    }

    /** Removes every dot and forgets the counts, e.g. after a reset of the run. */
    public void clear() {
        resize(alive.length);
    }

    public int edgeCount() {
        return alive.length;
    }

    /** Moves every dot on by {@code wallSeconds} and removes those that arrived. */
    public void advance(double wallSeconds) {
        double step = Math.max(0, wallSeconds) / travelSeconds;
        for (int i = 0; i < count; ) {
            double p = dotProgress[i] + step;
            if (p >= 1) {
                remove(i);
            } else {
                dotProgress[i] = p;
                i++;
            }
        }
    }

    /** Adds the budget that {@code wallSeconds} of wall time gives every wire for new dots. */
    public void refill(double wallSeconds) {
        double gain = Math.max(0, wallSeconds) * maxPerWire / travelSeconds;
        for (int e = 0; e < budget.length; e++) {
            budget[e] = Math.min(maxPerWire, budget[e] + gain);
        }
    }

    /**
     * Spawns dots for the crossings of wire {@code edge} since its last statistics, spread over
     * the first {@code spreadSeconds} of their journey so a batch does not travel as one clump.
     *
     * @return how many dots were started
     */
    public int spawn(int edge, EdgeStats stats, double spreadSeconds) {
        return spawn(edge, stats.ok(), stats.redelivered(), stats.deadLettered(), stats.expired(), spreadSeconds);
    }

    /** As {@link #spawn(int, EdgeStats, double)}, with the four counts of the edge so far. */
    public int spawn(int edge, long ok, long redelivered, long deadLettered, long expired, double spreadSeconds) {
        long[] before = last[edge];
        long[] now = counts;
        now[OK] = ok;
        now[REDELIVERED] = redelivered;
        now[DEAD_LETTERED] = deadLettered;
        now[EXPIRED] = expired;
        long total = 0;
        boolean backwards = false;
        for (int k = 0; k < OUTCOMES; k++) {
            delta[k] = now[k] - before[k];
            backwards |= delta[k] < 0;
            total += Math.max(0, delta[k]);
            before[k] = now[k];
        }
        if (!known[edge] || backwards) {
            known[edge] = true; // the first look at a wire (or a new run) sets the base line
            return 0;
        }
        if (total == 0) {
            return 0;
        }
        int room = (int) Math.min(Math.min(maxPerWire - alive[edge], maxTotal - count), Math.floor(budget[edge]));
        int n = (int) Math.min(total, Math.max(0, room));
        perDot[edge] = n > 0 ? (double) total / n : perDot[edge];
        if (n == 0) {
            return 0;
        }
        budget[edge] -= n;
        shareOut(n, total);
        double spread = Math.max(0, spreadSeconds) / travelSeconds;
        int j = 0;
        for (int k = 0; k < OUTCOMES; k++) {
            for (int s = 0; s < share[k]; s++, j++) {
                // The earliest of the batch is furthest along, as if it had left when it crossed.
                add(edge, spread * (n - 1 - j) / n, k);
            }
        }
        return n;
    }

    /**
     * Splits {@code n} dots among the outcomes in proportion to their counts; an outcome that
     * happened gets at least one dot when there are dots enough, so a rare dead letter is seen.
     */
    private void shareOut(int n, long total) {
        int given = 0;
        int present = 0;
        for (int k = 0; k < OUTCOMES; k++) {
            present += delta[k] > 0 ? 1 : 0;
        }
        for (int k = 0; k < OUTCOMES; k++) {
            share[k] = delta[k] <= 0 ? 0 : (int) (n * (double) delta[k] / total);
            if (delta[k] > 0 && share[k] == 0 && n >= present) {
                share[k] = 1;
            }
            given += share[k];
        }
        // Fix rounding: take from or give to the largest outcome.
        int largest = 0;
        for (int k = 1; k < OUTCOMES; k++) {
            if (delta[k] > delta[largest]) {
                largest = k;
            }
        }
        share[largest] += n - given;
        for (int k = 0; share[largest] < 0 && k < OUTCOMES; k++) {
            int take = Math.min(share[k], -share[largest]);
            if (k != largest) {
                share[k] -= take;
                share[largest] += take;
            }
        }
    }

    private void add(int edge, double progress, int outcome) {
        dotEdge[count] = edge;
        dotProgress[count] = Math.min(0.999, progress);
        dotOutcome[count] = (byte) outcome;
        alive[edge]++;
        count++;
    }

    private void remove(int i) {
        alive[dotEdge[i]]--;
        count--;
        dotEdge[i] = dotEdge[count];
        dotProgress[i] = dotProgress[count];
        dotOutcome[i] = dotOutcome[count];
    }

    /** Dots now moving. */
    public int count() {
        return count;
    }

    public int edgeOf(int dot) {
        return dotEdge[dot];
    }

    public double progressOf(int dot) {
        return dotProgress[dot];
    }

    public int outcomeOf(int dot) {
        return dotOutcome[dot];
    }

    /** Dots now on wire {@code edge}. */
    public int aliveOn(int edge) {
        return alive[edge];
    }

    /** How many messages the last dots started on {@code edge} stand for (1 at low rates). */
    public double messagesPerDot(int edge) {
        return perDot[edge];
    }

    public int maxPerWire() {
        return maxPerWire;
    }

    public int maxTotal() {
        return maxTotal;
    }
}
