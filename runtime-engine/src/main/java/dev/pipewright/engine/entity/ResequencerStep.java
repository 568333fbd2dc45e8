// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.engine.template.Expression;
import dev.pipewright.engine.template.ProcessorRules;
import dev.pipewright.engine.template.Resequencing;
import dev.pipewright.model.Processor;

/**
 * Resequencer: releases messages in order of their sequence number (the expression's value on
 * the payload, else the source's sequence number), starting from 1, as {@link Resequencing}
 * decides: an early message waits for the gap before it, until {@code window} wait or the gap is
 * older than {@code timeout}; a late message and a repeated number go straight through.
 */
final class ResequencerStep extends ProcessorStep {
    private Expression sequenceField;
    private double timeout;
    private final Resequencing<Message> order;

    ResequencerStep(ProcessorEntity p, Processor model) {
        super(p);
        this.order = new Resequencing<>(model.window());
        reconfigure(model);
    }

    @Override
    void reconfigure(Processor model) {
        sequenceField = expressionOf(model);
        order.resize(model.window());
        timeout = QueueEntity.seconds(model.timeout());
    }

    @Override
    void process(Message m) {
        long seq = ProcessorRules.sequenceOf(sequenceField, m.hasPayload() ? m.payload() : null, m.sequence);
        long before = order.generation();
        for (Message out : order.accept(seq, m, processor.world().now())) {
            processor.emit(out);
        }
        startTimerIfRestarted(before);
    }

    private void startTimerIfRestarted(long before) {
        if (order.generation() != before && order.waiting() > 0 && timeout > 0) {
            processor.scheduleTimer(timeout, null, order.generation());
        }
    }

    @Override
    void timer(Object subject, long arg) {
        if (arg == order.generation() && order.waiting() > 0) {
            long before = order.generation();
            for (Message out : order.skipGap(processor.world().now())) {
                processor.emit(out);
            }
            startTimerIfRestarted(before);
        }
    }

    @Override
    long held() {
        return order.waiting();
    }
}
