// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.pipewright.engine.template.Aggregation;
import dev.pipewright.engine.template.Expression;
import dev.pipewright.engine.template.ProcessorRules;
import dev.pipewright.model.Processor;

/**
 * Aggregator: collects messages into groups by correlation key (the expression's value on the
 * payload; else the message's correlation id, so split parts come back together; else one group)
 * and emits one new message per group when it holds {@code batchSize} messages or when
 * {@code timeout} has passed since its first message ({@link Aggregation} keeps the groups). The inputs complete here; the batch carries
 * the array of their payloads (if any), the sum of their sizes, their highest priority and the
 * earliest creation time, so end-to-end latency covers the oldest input.
 */
final class AggregatorStep extends ProcessorStep {
    private Expression correlation;
    private double timeout;
    private final Aggregation<Message> groups;

    AggregatorStep(ProcessorEntity p, Processor model) {
        super(p);
        this.groups = new Aggregation<>(model.batchSize());
        reconfigure(model);
    }

    @Override
    void reconfigure(Processor model) {
        correlation = expressionOf(model);
        groups.resize(model.batchSize());
        timeout = QueueEntity.seconds(model.timeout());
    }

    @Override
    void process(Message m) {
        Object key = ProcessorRules.correlationKey(correlation, m.hasPayload() ? m.payload() : null,
                m.correlationId >= 0 ? (Object) m.correlationId : null);
        Aggregation.Added<Message> added = groups.add(key, m, processor.world().now());
        if (added.opened() && !added.complete() && timeout > 0) {
            processor.scheduleTimer(timeout, added.group(), added.group().generation());
        }
        if (added.complete()) {
            release(added.group());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    void timer(Object subject, long arg) {
        Aggregation.Group<Message> g = (Aggregation.Group<Message>) subject;
        if (groups.isOpen(g) && g.generation() == arg) {
            groups.close(g);
            release(g);
        }
    }

    private void release(Aggregation.Group<Message> g) {
        World world = processor.world();
        Message batch = world.newMessage(processor);
        ArrayNode payloads = null;
        double created = Double.POSITIVE_INFINITY;
        for (Message m : g.members()) {
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
        Message first = g.members().getFirst();
        batch.createdAt = created;
        batch.setPayload(payloads);
        batch.routingKey = first.routingKey;
        batch.headers = first.headers;
        batch.correlationId = first.correlationId;
        batch.sequence = g.generation();
        processor.emit(batch);
    }

    @Override
    long held() {
        return groups.held();
    }
}
