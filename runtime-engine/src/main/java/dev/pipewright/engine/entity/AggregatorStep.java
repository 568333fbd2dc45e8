// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.engine.template.Expression;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.pipewright.model.Processor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregator: collects messages into groups by correlation key (the expression's value on the
 * payload; else the message's correlation id, so split parts come back together; else one group)
 * and emits one new message per group when it holds {@code batchSize} messages or when
 * {@code timeout} has passed since its first message. The inputs complete here; the batch carries
 * the array of their payloads (if any), the sum of their sizes, their highest priority and the
 * earliest creation time, so end-to-end latency covers the oldest input.
 */
final class AggregatorStep extends ProcessorStep {
    private static final class Group {
        final Object key;
        final List<Message> members = new ArrayList<>();
        final long generation;

        Group(Object key, long generation) {
            this.key = key;
            this.generation = generation;
        }
    }

    private Expression correlation;
    private int batchSize;
    private double timeout;
    private final Map<Object, Group> groups = new LinkedHashMap<>();
    private long nextGeneration = 1;
    private long held;

    AggregatorStep(ProcessorEntity p, Processor model) {
        super(p);
        reconfigure(model);
    }

    @Override
    void reconfigure(Processor model) {
        correlation = expressionOf(model);
        batchSize = model.batchSize();
        timeout = QueueEntity.seconds(model.timeout());
    }

    @Override
    void process(Message m) {
        Object key = keyOf(m);
        Group g = groups.get(key);
        if (g == null) {
            g = new Group(key, nextGeneration++);
            groups.put(key, g);
            if (timeout > 0) {
                processor.scheduleTimer(timeout, g, g.generation);
            }
        }
        g.members.add(m);
        held++;
        if (g.members.size() >= batchSize) {
            release(g);
        }
    }

    private Object keyOf(Message m) {
        if (correlation != null && m.hasPayload()) {
            JsonNode v = correlation.select(m.payload());
            return v == null ? "" : v.toString();
        }
        return m.correlationId >= 0 ? (Object) m.correlationId : "";
    }

    @Override
    void timer(Object subject, long arg) {
        Group g = (Group) subject;
        if (groups.get(g.key) == g && g.generation == arg) {
            release(g);
        }
    }

    private void release(Group g) {
        groups.remove(g.key);
        World world = processor.world();
        Message batch = world.newMessage(processor);
        ArrayNode payloads = null;
        double created = Double.POSITIVE_INFINITY;
        for (Message m : g.members) {
            held--;
            batch.size += m.size;
            batch.priority = Math.max(batch.priority, m.priority);
            created = Math.min(created, m.createdAt);
            if (m.hasPayload()) {
                if (payloads == null) {
                    payloads = JsonNodeFactory.instance.arrayNode();
                }
                payloads.add(m.payload());
            }
            if (world.watched(m)) {
                world.hop(m, processor, "aggregated", "into message " + batch.id);
            }
            world.complete(m, processor);
        }
        Message first = g.members.getFirst();
        batch.createdAt = created;
        batch.setPayload(payloads);
        batch.routingKey = first.routingKey;
        batch.headers = first.headers;
        batch.correlationId = first.correlationId;
        batch.sequence = g.generation;
        processor.emit(batch);
    }

    @Override
    long held() {
        return held;
    }
}
