// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import java.util.Map;

/**
 * An immutable picture of a simulation at one instant. The engine builds it on its own thread and
 * publishes it; readers on other threads take it without locks and never hold the engine up.
 *
 * @param time virtual seconds since the start of the run
 * @param events events processed so far
 * @param sampleInterval virtual seconds between two {@link SeriesPoint}s
 * @param nodes statistics per node id, in flow order
 * @param edges statistics per edge id, in flow order
 * @param conservation the message account at this instant; {@link Conservation#holds()} in every snapshot
 */
public record Snapshot(double time, long events, double sampleInterval, Map<String, NodeStats> nodes,
                       Map<String, EdgeStats> edges, Conservation conservation) {

    /** How many samples each node's series keeps. */
    public static final int SERIES_CAPACITY = 600;

    public Snapshot {
        nodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
        edges = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(edges));
    }

    /** The statistics of {@code nodeId}. */
    public NodeStats node(String nodeId) {
        NodeStats s = nodes.get(nodeId);
        if (s == null) {
            throw new IllegalArgumentException("no node '" + nodeId + "' in this snapshot");
        }
        return s;
    }

    /** The statistics of {@code edgeId}. */
    public EdgeStats edge(String edgeId) {
        EdgeStats s = edges.get(edgeId);
        if (s == null) {
            throw new IllegalArgumentException("no edge '" + edgeId + "' in this snapshot");
        }
        return s;
    }
}
