// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A messaging flow: nodes, the edges between them and what the flow is called. Immutable; every
 * edit returns a new flow. Node and edge ids are unique; edges may refer to missing nodes only
 * while a flow is being read (the {@code Validator} reports them).
 */
public record Flow(FlowInfo info, List<Node> nodes, List<Edge> edges) {
    /** The version of the file format this build writes. */
    public static final int FORMAT_VERSION = 1;

    public static final Flow EMPTY = new Flow(new FlowInfo("Untitled flow", ""), List.of(), List.of());

    public Flow {
        info = info == null ? new FlowInfo(null, null) : info;
        nodes = List.copyOf(nodes == null ? List.of() : nodes);
        edges = List.copyOf(edges == null ? List.of() : edges);
        if (nodes.size() > Limits.MAX_NODES) {
            throw new InvalidPropertyException("nodes", "a flow holds at most " + Checks.grouped(Limits.MAX_NODES)
                    + " nodes (this one has " + Checks.grouped(nodes.size()) + ")");
        }
        if (edges.size() > Limits.MAX_EDGES) {
            throw new InvalidPropertyException("edges", "a flow holds at most " + Checks.grouped(Limits.MAX_EDGES)
                    + " edges (this one has " + Checks.grouped(edges.size()) + ")");
        }
        Set<String> seen = new HashSet<>();
        for (Node n : nodes) {
            if (!seen.add(n.id())) {
                throw new InvalidPropertyException("id", "two nodes have the id '" + n.id() + "'; ids must be unique");
            }
        }
        seen.clear();
        for (Edge e : edges) {
            if (!seen.add(e.id())) {
                throw new InvalidPropertyException("id", "two edges have the id '" + e.id() + "'; ids must be unique");
            }
        }
    }

    public Optional<Node> node(String id) {
        for (Node n : nodes) {
            if (n.id().equals(id)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    public Optional<Edge> edge(String id) {
        for (Edge e : edges) {
            if (e.id().equals(id)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Nodes by id, in flow order. */
    public Map<String, Node> nodesById() {
        Map<String, Node> map = new LinkedHashMap<>();
        for (Node n : nodes) {
            map.put(n.id(), n);
        }
        return map;
    }

    /** The edges leaving {@code nodeId}, from any port. */
    public List<Edge> outgoing(String nodeId) {
        return edges.stream().filter(e -> e.from().equals(nodeId)).toList();
    }

    /** The edges leaving {@code nodeId} by {@code port}. */
    public List<Edge> outgoing(String nodeId, Port port) {
        return edges.stream().filter(e -> e.from().equals(nodeId) && e.fromPort() == port).toList();
    }

    /** The edges entering {@code nodeId}. */
    public List<Edge> incoming(String nodeId) {
        return edges.stream().filter(e -> e.to().equals(nodeId)).toList();
    }

    public Flow withInfo(FlowInfo newInfo) {
        return new Flow(newInfo, nodes, edges);
    }

    public Flow withNode(Node node) {
        Objects.requireNonNull(node, "node");
        List<Node> list = new ArrayList<>(nodes);
        list.add(node);
        return new Flow(info, list, edges);
    }

    /** Replaces the node with the same id. */
    public Flow replaceNode(Node node) {
        List<Node> list = new ArrayList<>(nodes.size());
        boolean found = false;
        for (Node n : nodes) {
            if (n.id().equals(node.id())) {
                list.add(node);
                found = true;
            } else {
                list.add(n);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no node '" + node.id() + "' in this flow");
        }
        return new Flow(info, list, edges);
    }

    /** Applies {@code change} to each node whose id is in {@code ids}. */
    public Flow mapNodes(Collection<String> ids, UnaryOperator<Node> change) {
        Set<String> set = new HashSet<>(ids);
        List<Node> list = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            list.add(set.contains(n.id()) ? change.apply(n) : n);
        }
        return new Flow(info, list, edges);
    }

    /** Removes the nodes and every edge that touches them. */
    public Flow withoutNodes(Collection<String> ids) {
        Set<String> set = new HashSet<>(ids);
        return new Flow(info,
                nodes.stream().filter(n -> !set.contains(n.id())).toList(),
                edges.stream().filter(e -> !set.contains(e.from()) && !set.contains(e.to())).toList());
    }

    public Flow withEdge(Edge edge) {
        Objects.requireNonNull(edge, "edge");
        List<Edge> list = new ArrayList<>(edges);
        list.add(edge);
        return new Flow(info, nodes, list);
    }

    public Flow replaceEdge(Edge edge) {
        return new Flow(info, nodes, edges.stream().map(e -> e.id().equals(edge.id()) ? edge : e).toList());
    }

    public Flow withoutEdges(Collection<String> ids) {
        Set<String> set = new HashSet<>(ids);
        return new Flow(info, nodes, edges.stream().filter(e -> !set.contains(e.id())).toList());
    }

    /** An id not yet used by any node or edge, made from {@code base} ("queue" gives queue-1, queue-2, ...). */
    public String freshId(String base) {
        Set<String> used = new HashSet<>();
        nodes.forEach(n -> used.add(n.id()));
        edges.forEach(e -> used.add(e.id()));
        String clean = base.toLowerCase().replaceAll("[^a-z0-9_.:-]+", "-").replaceAll("^-+|-+$", "");
        if (clean.isEmpty()) {
            clean = "node";
        }
        for (int i = 1; ; i++) {
            String candidate = clean + "-" + i;
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
    }
}
