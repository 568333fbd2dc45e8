// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Broker;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Limits;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a parsed flow document into a {@link Flow}: checks that it is a flow file of a version this
 * build reads, migrates older versions, reads each node over the defaults of its kind, and checks
 * that ids are unique and that every edge joins two nodes of the flow.
 */
final class FlowTreeReader {
    static final String FORMAT = "pipewright-flow";
    private static final Set<String> TOP_LEVEL = Set.of("format", "version", "name", "description", "broker", "nodes",
            "edges");

    private FlowTreeReader() {
    }

    /** @throws ReadProblem naming the value at fault */
    static Flow toFlow(JsonNode root) {
        if (!root.isObject() || !root.has("format")) {
            throw new ReadProblem("", "this is not a Pipewright flow file: it has no \"format\": \"" + FORMAT + "\"");
        }
        JsonNode format = root.get("format");
        if (!FORMAT.equals(format.textValue())) {
            throw new ReadProblem("/format", "this is not a Pipewright flow file: its format is "
                    + RecordCodec.shown(format) + ", not \"" + FORMAT + "\"");
        }
        ObjectNode doc = FlowMigrations.migrate((ObjectNode) root, version(root));
        for (Map.Entry<String, JsonNode> e : doc.properties()) {
            if (!TOP_LEVEL.contains(e.getKey())) {
                throw new ReadProblem("/" + LocatedJson.escape(e.getKey()), "unknown property '"
                        + RecordCodec.named(e.getKey())
                        + "' at the top of the file; known properties are format, version, name, description, broker, nodes, edges");
            }
        }
        FlowInfo info = new FlowInfo(optionalText(doc, "name"), optionalText(doc, "description"), broker(doc));
        List<Node> nodes = readNodes(list(doc, "nodes", Limits.MAX_NODES));
        List<Edge> edges = readEdges(list(doc, "edges", Limits.MAX_EDGES), nodes);
        return new Flow(info, nodes, edges);
    }

    private static Broker broker(ObjectNode doc) {
        String word = optionalText(doc, "broker");
        if (word == null) {
            return Broker.GENERIC;
        }
        try {
            return Broker.named(word);
        } catch (IllegalArgumentException e) {
            throw new ReadProblem("/broker", e.getMessage());
        }
    }

    private static int version(JsonNode root) {
        JsonNode v = root.get("version");
        if (v == null) {
            throw new ReadProblem("", "the file has no \"version\"; a flow file says which format version wrote it,"
                    + " e.g. \"version\": " + Flow.FORMAT_VERSION);
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 1) {
            throw new ReadProblem("/version", "\"version\" must be a whole number from 1 (was " + RecordCodec.shown(v) + ")");
        }
        int version = v.asInt();
        if (version > Flow.FORMAT_VERSION) {
            throw new ReadProblem("/version", "written by a newer Pipewright (format version " + version
                    + "); this one reads up to version " + Flow.FORMAT_VERSION + ": update Pipewright to open it");
        }
        return version;
    }

    private static String optionalText(JsonNode doc, String name) {
        JsonNode v = doc.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ReadProblem("/" + name, "\"" + name + "\" must be text in quotes (was " + RecordCodec.shown(v) + ")");
        }
        return v.textValue();
    }

    private static List<JsonNode> list(JsonNode doc, String name, int max) {
        JsonNode v = doc.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new ReadProblem("/" + name, "\"" + name + "\" must be a list [...] (was " + RecordCodec.shown(v) + ")");
        }
        if (v.size() > max) {
            // Refused before any is read, so checks and runs never meet a flow too large to handle.
            throw new ReadProblem("/" + name + "/" + max, String.format(Locale.ROOT,
                    "the flow has %,d %s; a flow holds at most %,d: split it into smaller flows", v.size(), name, max));
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    private static List<Node> readNodes(List<JsonNode> items) {
        List<Node> nodes = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String pointer = "/nodes/" + i;
            Node node = readNode(items.get(i), pointer);
            Integer earlier = seen.putIfAbsent(node.id(), i);
            if (earlier != null) {
                throw new ReadProblem(pointer + "/id", node.id(), null, "two nodes have the id '" + node.id()
                        + "' (nodes " + (earlier + 1) + " and " + (i + 1) + "); give each node its own id");
            }
            nodes.add(node);
        }
        return nodes;
    }

    private static Node readNode(JsonNode item, String pointer) {
        if (!item.isObject()) {
            throw new ReadProblem(pointer, "each entry of \"nodes\" must be an object {...} (was " + RecordCodec.shown(item) + ")");
        }
        JsonNode idNode = item.get("id");
        String id = idNode != null && idNode.isTextual() ? idNode.textValue() : null;
        try {
            JsonNode typeNode = item.get("type");
            if (typeNode == null || !typeNode.isTextual()) {
                throw new ReadProblem(pointer, "a node needs a \"type\": one of " + typeNames());
            }
            NodeKind kind = NodeKind.fromTypeName(typeNode.textValue().trim().toLowerCase(Locale.ROOT));
            if (kind == null) {
                throw new ReadProblem(pointer + "/type", "unknown node type " + RecordCodec.quoted(typeNode.textValue())
                        + "; the types are " + typeNames());
            }
            if (idNode == null) {
                throw new ReadProblem(pointer, "a " + kind.typeName() + " node has no \"id\"; every node needs one");
            }
            ObjectNode merged = RecordCodec.encode((Record) kind.create("default", null, null));
            merged.set("name", JsonNodeFactory.instance.nullNode());
            for (Map.Entry<String, JsonNode> e : item.properties()) {
                if (e.getKey().equals("type")) {
                    continue;
                }
                if (!merged.has(e.getKey())) {
                    throw new ReadProblem(pointer + "/" + LocatedJson.escape(e.getKey()), "unknown property '"
                            + RecordCodec.named(e.getKey())
                            + "' for a " + kind.typeName() + "; its properties are "
                            + String.join(", ", names(merged)));
                }
                merged.set(e.getKey(), e.getValue());
            }
            return (Node) RecordCodec.decode(merged, kind.recordClass().asSubclass(Record.class), pointer, "");
        } catch (ReadProblem e) {
            throw e.about(id, null);
        }
    }

    private static List<Edge> readEdges(List<JsonNode> items, List<Node> nodes) {
        Set<String> nodeIds = nodes.stream().map(Node::id).collect(Collectors.toSet());
        List<Edge> edges = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String pointer = "/edges/" + i;
            JsonNode item = items.get(i);
            JsonNode idNode = item.get("id");
            String id = idNode != null && idNode.isTextual() ? idNode.textValue() : null;
            Edge edge;
            try {
                edge = RecordCodec.decode(item, Edge.class, pointer, "");
            } catch (ReadProblem e) {
                if (id == null) {
                    throw new ReadProblem(e.pointer(), "edge " + (i + 1) + ": " + e.getMessage());
                }
                throw e.about(null, id);
            }
            Integer earlier = seen.putIfAbsent(edge.id(), i);
            if (earlier != null) {
                throw new ReadProblem(pointer + "/id", null, edge.id(), "two edges have the id '" + edge.id()
                        + "' (edges " + (earlier + 1) + " and " + (i + 1) + "); give each edge its own id");
            }
            if (!nodeIds.contains(edge.from())) {
                throw new ReadProblem(pointer + "/from", null, edge.id(), "comes from node '" + edge.from()
                        + "', which is not in this flow; add that node or remove the edge");
            }
            if (!nodeIds.contains(edge.to())) {
                throw new ReadProblem(pointer + "/to", null, edge.id(), "goes to node '" + edge.to()
                        + "', which is not in this flow; add that node or remove the edge");
            }
            edges.add(edge);
        }
        return edges;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String typeNames() {
        return String.join(", ", Arrays.stream(NodeKind.values()).map(NodeKind::typeName).toList());
    }
}
