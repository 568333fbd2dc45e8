// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import dev.pipewright.engine.api.EdgeStats;

/** Crossings of one edge by outcome. Engine thread only. */
public final class EdgeCounters {
    public static final int OK = 0;
    public static final int REDELIVERED = 1;
    public static final int DEAD_LETTERED = 2;
    public static final int EXPIRED = 3;

    private final String edgeId;
    private final long[] byOutcome = new long[4];
    private long crossed;
    private final RateWindow rate = new RateWindow();

    public EdgeCounters(String edgeId) {
        this.edgeId = edgeId;
    }

    public void cross(int outcome) {
        crossed++;
        byOutcome[outcome]++;
    }

    public void tick(double time) {
        rate.tick(time, crossed);
    }

    public EdgeStats toStats(double now) {
        return new EdgeStats(edgeId, crossed, rate.rate(now, crossed), byOutcome[OK], byOutcome[REDELIVERED],
                byOutcome[DEAD_LETTERED], byOutcome[EXPIRED]);
    }

    public void reset(double now) {
        crossed = 0;
        java.util.Arrays.fill(byOutcome, 0);
        rate.reset(now, 0);
    }
}
