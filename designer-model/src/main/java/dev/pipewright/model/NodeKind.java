// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import static dev.pipewright.model.NodeKind.Output.out;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The closed set of node kinds. Each constant is the kind's whole descriptor: its record class and
 * how to make one with default properties, the words a person sees, its ports and the kinds each
 * output may be wired to, and how diagrams draw it (accent colour, initials, shape). Everything
 * else that must know about every kind (the file reader, wiring rules, exporters' looks) reads it
 * from here, so a new kind is described once.
 */
public enum NodeKind {
    SOURCE("source", "Source", "A producer: publishes messages at a rate, with payloads, priorities and routing keys.",
            Source.class, Source::of, List.of(),
            List.of(out(Port.OUT, "QUEUE", "TOPIC", "PROCESSOR", "MESSAGE_STORE", "ENDPOINT")),
            "#3b82f6", "S", DiagramShape.STADIUM),
    QUEUE("queue", "Queue", "Point-to-point: each message goes to exactly one consumer.",
            Queue.class, Queue::of, List.of(Port.IN),
            List.of(out(Port.OUT, "CONSUMER", "PROCESSOR"),
                    out(Port.DEAD_LETTER, "QUEUE", "DEAD_LETTER_QUEUE", "TOPIC"),
                    out(Port.EXPIRED, "QUEUE", "DEAD_LETTER_QUEUE", "TOPIC")),
            "#0d9488", "Q", DiagramShape.CYLINDER),
    TOPIC("topic", "Topic", "Publish/subscribe: every matching binding gets a copy (fanout, direct, topic, headers).",
            Topic.class, Topic::of, List.of(Port.IN),
            List.of(out(Port.OUT, "QUEUE", "DEAD_LETTER_QUEUE", "TOPIC")),
            "#8b5cf6", "T", DiagramShape.HEXAGON),
    PROCESSOR("processor", "Processor", "Transforms, filters, routes, splits, aggregates, resequences or dedupes messages.",
            Processor.class, Processor::of, List.of(Port.IN),
            List.of(out(Port.OUT, "QUEUE", "TOPIC", "PROCESSOR", "MESSAGE_STORE", "ENDPOINT"),
                    out(Port.ERROR, "QUEUE", "DEAD_LETTER_QUEUE", "TOPIC")),
            "#d97706", "P", DiagramShape.RECTANGLE),
    CONSUMER("consumer", "Consumer", "Competing consumers of a queue: instances, prefetch, processing time, failures.",
            Consumer.class, Consumer::of, List.of(Port.IN),
            List.of(out(Port.OUT, "QUEUE", "TOPIC", "PROCESSOR", "MESSAGE_STORE", "ENDPOINT")),
            "#16a34a", "C", DiagramShape.SUBROUTINE),
    DEAD_LETTER_QUEUE("dead-letter-queue", "Dead-letter queue", "Collects what other queues gave up on; can retry back to the origin.",
            DeadLetterQueue.class, DeadLetterQueue::of, List.of(Port.IN),
            List.of(out(Port.OUT, "CONSUMER", "PROCESSOR")),
            "#e11d48", "DL", DiagramShape.CYLINDER),
    MESSAGE_STORE("message-store", "Message store", "Store and forward: keeps messages and forwards them, retrying on failure.",
            MessageStore.class, MessageStore::of, List.of(Port.IN),
            List.of(out(Port.OUT, "ENDPOINT", "QUEUE", "TOPIC")),
            "#6366f1", "MS", DiagramShape.CYLINDER),
    ENDPOINT("endpoint", "Endpoint", "An external system the flow delivers to; can go down and fail over to a secondary.",
            Endpoint.class, Endpoint::of, List.of(Port.IN),
            List.of(out(Port.FAILOVER, "ENDPOINT")),
            "#64748b", "E", DiagramShape.FLAG);

    /** Makes a node of one kind with every property at its default. */
    @FunctionalInterface
    public interface Factory {
        Node create(String id, String name, Position position);
    }

    /**
     * An output port and the kinds it may be wired to. The kinds are named by their constants'
     * names because a constant cannot refer to constants declared after it; the names are
     * resolved once all constants exist (a wrong name fails the class's initialisation, and the
     * model's tests).
     */
    record Output(Port port, List<String> targetNames) {
        static Output out(Port port, String... targetNames) {
            return new Output(port, List.of(targetNames));
        }
    }

    private static final Map<Class<?>, NodeKind> BY_RECORD;

    static {
        Map<Class<?>, NodeKind> byRecord = new HashMap<>();
        for (NodeKind k : values()) {
            byRecord.put(k.recordClass, k);
            Map<Port, Set<NodeKind>> targets = new EnumMap<>(Port.class);
            for (Output o : k.outputSpecs) {
                EnumSet<NodeKind> kinds = EnumSet.noneOf(NodeKind.class);
                o.targetNames().forEach(n -> kinds.add(valueOf(n)));
                targets.put(o.port(), Collections.unmodifiableSet(kinds));
            }
            k.targets = Collections.unmodifiableMap(targets);
        }
        BY_RECORD = Map.copyOf(byRecord);
    }

    private final String typeName;
    private final String displayName;
    private final String description;
    private final Class<? extends Node> recordClass;
    private final Factory factory;
    private final List<Port> inputs;
    private final List<Output> outputSpecs;
    private final List<Port> outputs;
    private final String accentHex;
    private final String initials;
    private final DiagramShape shape;
    /** Set once by the static initialiser, after every constant exists. */
    private Map<Port, Set<NodeKind>> targets;

    NodeKind(String typeName, String displayName, String description, Class<? extends Node> recordClass,
             Factory factory, List<Port> inputs, List<Output> outputs, String accentHex, String initials,
             DiagramShape shape) {
        this.typeName = typeName;
        this.displayName = displayName;
        this.description = description;
        this.recordClass = recordClass;
        this.factory = factory;
        this.inputs = inputs;
        this.outputSpecs = outputs;
        this.outputs = outputs.stream().map(Output::port).toList();
        this.accentHex = accentHex;
        this.initials = initials;
        this.shape = shape;
    }

    /** The name used for this kind in flow files ({@code "type": "queue"}). */
    public String typeName() {
        return typeName;
    }

    public String displayName() {
        return displayName;
    }

    /** One line that says what this kind models. */
    public String description() {
        return description;
    }

    /** The record that holds a node of this kind. */
    public Class<? extends Node> recordClass() {
        return recordClass;
    }

    /** A node of this kind with every property at its default. */
    public Node create(String id, String name, Position position) {
        return factory.create(id, name, position);
    }

    public List<Port> inputs() {
        return inputs;
    }

    public List<Port> outputs() {
        return outputs;
    }

    /**
     * The kinds this kind's output {@code port} may be wired to, in declaration order; empty when
     * it has no such output.
     */
    public Set<NodeKind> targets(Port port) {
        return targets.getOrDefault(port, Set.of());
    }

    /** The kind's accent colour as {@code #rrggbb}, shared by the canvas and exported diagrams so they match. */
    public String accentHex() {
        return accentHex;
    }

    /** One or two letters that stand for the kind where there is no icon (SVG diagrams). */
    public String initials() {
        return initials;
    }

    /** The kind's outline in text diagrams. */
    public DiagramShape shape() {
        return shape;
    }

    /** True for the kinds that hold messages for consumers: queues and dead-letter queues. */
    public boolean isQueueLike() {
        return QueueSettings.class.isAssignableFrom(recordClass);
    }

    /** The kind with this file name, or null. */
    public static NodeKind fromTypeName(String name) {
        for (NodeKind k : values()) {
            if (k.typeName.equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** The kind whose record is {@code type}, or null. */
    public static NodeKind ofRecord(Class<?> type) {
        return BY_RECORD.get(Objects.requireNonNull(type, "type"));
    }

    /** The kind of {@code node}. */
    static NodeKind of(Node node) {
        NodeKind kind = BY_RECORD.get(node.getClass());
        if (kind == null) {
            throw new IllegalStateException("no NodeKind describes the record " + node.getClass().getName()
                    + "; add a constant for it (docs/architecture.md, \"Adding a node kind\")");
        }
        return kind;
    }
}
