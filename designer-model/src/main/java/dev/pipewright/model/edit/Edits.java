// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.edit;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Position;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The edits the designer makes, each one undoable step with a description a person reads. */
public final class Edits {
    private Edits() {
    }

    /** An edit from a description and a function. */
    public static Edit of(String description, UnaryOperator<Flow> change) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(change, "change");
        return new Edit() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public Flow apply(Flow flow) {
                return change.apply(flow);
            }
        };
    }

    /** Several edits as one undo step. */
    public static Edit compound(String description, List<Edit> parts) {
        List<Edit> copy = List.copyOf(parts);
        return of(description, flow -> {
            Flow f = flow;
            for (Edit e : copy) {
                f = e.apply(f);
            }
            return f;
        });
    }

    public static Edit addNode(Node node) {
        return of("Add " + node.kind().displayName().toLowerCase() + " '" + node.name() + "'", f -> f.withNode(node));
    }

    /** Deletes nodes and edges; the edges touching a deleted node go with it. */
    public static Edit delete(Collection<String> nodeIds, Collection<String> edgeIds) {
        Set<String> nodes = new HashSet<>(nodeIds);
        Set<String> edges = new HashSet<>(edgeIds);
        String what = (nodes.isEmpty() ? "" : count(nodes.size(), "node"))
                + (nodes.isEmpty() || edges.isEmpty() ? "" : " and ")
                + (edges.isEmpty() ? "" : count(edges.size(), "wire"));
        return of("Delete " + what, f -> f.withoutEdges(edges).withoutNodes(nodes));
    }

    /** Moves nodes to new positions; one drag of many nodes is one edit. */
    public static Edit move(Map<String, Position> positions) {
        Map<String, Position> copy = Map.copyOf(positions);
        return of("Move " + count(copy.size(), "node"),
                f -> f.mapNodes(copy.keySet(), n -> n.withPosition(copy.get(n.id()))));
    }

    /** Lays out a whole flow (new positions for every node named). */
    public static Edit layout(Map<String, Position> positions) {
        Map<String, Position> copy = Map.copyOf(positions);
        return of("Lay out flow", f -> f.mapNodes(copy.keySet(), n -> n.withPosition(copy.get(n.id()))));
    }

    public static Edit connect(Edge edge) {
        return of("Connect " + edge.from() + " to " + edge.to(), f -> f.withEdge(edge));
    }

    public static Edit disconnect(Collection<String> edgeIds) {
        List<String> ids = List.copyOf(edgeIds);
        return of("Remove " + count(ids.size(), "wire"), f -> f.withoutEdges(ids));
    }

    public static Edit replaceEdge(Edge edge, String description) {
        return of(description, f -> f.replaceEdge(edge));
    }

    public static Edit rename(String nodeId, String newName) {
        return of("Rename to '" + newName + "'", f -> f.replaceNode(node(f, nodeId).withName(newName)));
    }

    /**
     * Sets one property of one node; the node's own checks decide whether the value is allowed.
     * The edit is described with the property's {@code label} as people see it ("Max length"),
     * not its record component name, and reads "Change max length" (an initial acronym such as
     * "TTL" keeps its capitals).
     */
    public static Edit setProperty(String nodeId, String property, String label, Object value) {
        return of("Change " + inSentence(label), f -> f.replaceNode(node(f, nodeId).with(property, value)));
    }

    /** The label with its first letter lower-cased, unless the first word is all capitals. */
    private static String inSentence(String label) {
        if (label.length() > 1 && Character.isUpperCase(label.charAt(0)) && Character.isUpperCase(label.charAt(1))) {
            return label;
        }
        return label.isEmpty() ? label : Character.toLowerCase(label.charAt(0)) + label.substring(1);
    }

    /** Puts the flow on a broker profile. */
    public static Edit setBroker(Broker broker) {
        return of("Use " + broker.label() + " rules", f -> f.withInfo(f.info().withBroker(broker)));
    }

    public static Edit setInfo(FlowInfo info) {
        return of("Change flow details", f -> f.withInfo(info));
    }

    /** Adds copied nodes and the wires among them (ids must already be fresh). */
    public static Edit paste(List<Node> nodes, List<Edge> edges) {
        List<Node> n = List.copyOf(nodes);
        List<Edge> e = List.copyOf(edges);
        return of("Paste " + count(n.size(), "node"), f -> {
            Flow out = f;
            for (Node node : n) {
                out = out.withNode(node);
            }
            for (Edge edge : e) {
                out = out.withEdge(edge);
            }
            return out;
        });
    }

    /** Replaces the whole flow, e.g. after an import into the open document. */
    public static Edit replaceAll(String description, Flow replacement) {
        return of(description, f -> replacement);
    }

    private static Node node(Flow f, String id) {
        return f.node(id).orElseThrow(() -> new IllegalArgumentException("no node '" + id + "' in this flow"));
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Copies of nodes with fresh ids, shifted by (dx, dy), and the wires among them renamed to match. */
    public static Clip copyWithFreshIds(Flow target, List<Node> nodes, List<Edge> edges, double dx, double dy) {
        Flow scratch = target;
        Map<String, String> renamed = new java.util.HashMap<>();
        List<Node> outNodes = new ArrayList<>();
        for (Node n : nodes) {
            String fresh = scratch.freshId(n.kind().typeName());
            renamed.put(n.id(), fresh);
            Node copy = n.withId(fresh).withPosition(n.position().plus(dx, dy));
            outNodes.add(copy);
            scratch = scratch.withNode(copy);
        }
        List<Edge> outEdges = new ArrayList<>();
        for (Edge e : edges) {
            if (renamed.containsKey(e.from()) && renamed.containsKey(e.to())) {
                String fresh = scratch.freshId("edge");
                Edge copy = new Edge(fresh, renamed.get(e.from()), e.fromPort(), renamed.get(e.to()), e.key(), e.headers());
                outEdges.add(copy);
                scratch = scratch.withEdge(copy);
            }
        }
        return new Clip(outNodes, outEdges);
    }

    /**
     * Nodes and the wires among them, as copied to the clipboard or ready to paste.
     *
     * @param nodes the nodes
     * @param edges the wires whose both ends are among the nodes
     */
    public record Clip(List<Node> nodes, List<Edge> edges) {
        public Clip {
            nodes = List.copyOf(nodes);
            edges = List.copyOf(edges);
        }
    }
}
