// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Port;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The edges of a flow by the node they leave (and port) and the node they enter, built once, so
 * the checks look wires up instead of scanning every edge for every node (which is quadratic in a
 * large flow). Lists keep the order of the flow's edges.
 */
final class Wires {
    private final Map<String, List<Edge>> out = new HashMap<>();
    private final Map<String, Map<Port, List<Edge>>> outByPort = new HashMap<>();
    private final Map<String, List<Edge>> in = new HashMap<>();

    Wires(List<Edge> edges) {
        for (Edge e : edges) {
            out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
            outByPort.computeIfAbsent(e.from(), k -> new EnumMap<>(Port.class))
                    .computeIfAbsent(e.fromPort(), k -> new ArrayList<>()).add(e);
            in.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
        }
    }

    /** The edges leaving {@code nodeId}, from any port. */
    List<Edge> out(String nodeId) {
        return out.getOrDefault(nodeId, List.of());
    }

    /** The edges leaving {@code nodeId} by {@code port}. */
    List<Edge> out(String nodeId, Port port) {
        return outByPort.getOrDefault(nodeId, Map.of()).getOrDefault(port, List.of());
    }

    /** The edges entering {@code nodeId}. */
    List<Edge> in(String nodeId) {
        return in.getOrDefault(nodeId, List.of());
    }
}
