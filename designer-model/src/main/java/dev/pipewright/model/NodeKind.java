// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.util.List;

/** The closed set of node kinds, with the words a person sees and the ports each kind has. */
public enum NodeKind {
    SOURCE("source", "Source", "A producer: publishes messages at a rate, with payloads, priorities and routing keys.",
            List.of(), List.of(Port.OUT)),
    QUEUE("queue", "Queue", "Point-to-point: each message goes to exactly one consumer.",
            List.of(Port.IN), List.of(Port.OUT, Port.DEAD_LETTER)),
    TOPIC("topic", "Topic", "Publish/subscribe: every matching binding gets a copy (fanout, direct, topic, headers).",
            List.of(Port.IN), List.of(Port.OUT)),
    PROCESSOR("processor", "Processor", "Transforms, filters, routes, splits, aggregates, resequences or dedupes messages.",
            List.of(Port.IN), List.of(Port.OUT, Port.ERROR)),
    CONSUMER("consumer", "Consumer", "Competing consumers of a queue: instances, prefetch, processing time, failures.",
            List.of(Port.IN), List.of(Port.OUT)),
    DEAD_LETTER_QUEUE("dead-letter-queue", "Dead-letter queue", "Collects what other queues gave up on; can retry back to the origin.",
            List.of(Port.IN), List.of(Port.OUT)),
    MESSAGE_STORE("message-store", "Message store", "Store and forward: keeps messages and forwards them, retrying on failure.",
            List.of(Port.IN), List.of(Port.OUT)),
    ENDPOINT("endpoint", "Endpoint", "An external system the flow delivers to; can go down and fail over to a secondary.",
            List.of(Port.IN), List.of(Port.FAILOVER));

    private final String typeName;
    private final String displayName;
    private final String description;
    private final List<Port> inputs;
    private final List<Port> outputs;

    NodeKind(String typeName, String displayName, String description, List<Port> inputs, List<Port> outputs) {
        this.typeName = typeName;
        this.displayName = displayName;
        this.description = description;
        this.inputs = inputs;
        this.outputs = outputs;
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

    public List<Port> inputs() {
        return inputs;
    }

    public List<Port> outputs() {
        return outputs;
    }

    /** True for the kinds that hold messages for consumers: queues and dead-letter queues. */
    public boolean isQueueLike() {
        return this == QUEUE || this == DEAD_LETTER_QUEUE;
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
}
