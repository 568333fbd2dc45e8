// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.EdgeStats;

import dev.pipewright.engine.entity.Entity;
import dev.pipewright.engine.entity.Link;
import dev.pipewright.engine.entity.World;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Takes the fixed-interval samples of every node and edge and builds snapshots. Runs on the engine
 * thread, between events; nothing here is done per event.
 */
final class Statistics {
    private final World world;
    private final Map<String, Link> links;
    private double interval = 1.0;
    private double nextSample = 1.0;

    Statistics(World world, Map<String, Link> links) {
        this.world = world;
        this.links = links;
    }

    double interval() {
        return interval;
    }

    void setInterval(double seconds, double now) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("the sample interval must be above zero seconds (was " + seconds + ")");
        }
        interval = seconds;
        nextSample = now + seconds;
    }

    /** Time of the next sample. */
    double nextSample() {
        return nextSample;
    }

    /** Takes every sample due at or before {@code time}; the state is the state at each sample's time. */
    void sampleUpTo(double time) {
        while (nextSample <= time) {
            for (Entity e : world.entities()) {
                e.updateGauges();
                e.stats().sample(nextSample);
            }
            for (Link l : links.values()) {
                l.counters().tick(nextSample);
            }
            nextSample += interval;
        }
    }

    void reset(double now) {
        for (Entity e : world.entities()) {
            e.stats().reset(now);
        }
        for (Link l : links.values()) {
            l.counters().reset(now);
        }
        nextSample = now + interval;
    }

    Snapshot snapshot(double now, long events) {
        Map<String, NodeStats> nodes = new LinkedHashMap<>();
        for (Entity e : world.entities()) {
            e.updateGauges();
            nodes.put(e.nodeId(), e.stats().toStats(now));
        }
        Map<String, EdgeStats> edges = new LinkedHashMap<>();
        for (Link l : links.values()) {
            edges.put(l.edgeId(), l.counters().toStats(now));
        }
        return new Snapshot(now, events, interval, nodes, edges, world.conservation());
    }
}
