// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.engine.template.Expression;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.model.Processor;
import java.util.TreeMap;

/**
 * Resequencer: releases messages in order of their sequence number (the expression's value on
 * the payload, else the source's sequence number), starting from 1. A message that is early waits
 * for the gap before it; when {@code window} messages wait, or the gap is older than
 * {@code timeout}, the resequencer gives up on the gap and carries on from the next waiting
 * message. A late message (its number already passed) and a repeated number go straight through.
 */
final class ResequencerStep extends ProcessorStep {
    private Expression sequenceField;
    private int window;
    private double timeout;
    private final TreeMap<Long, Message> waiting = new TreeMap<>();
    private long expected = 1;
    private long timerGeneration;

    ResequencerStep(ProcessorEntity p, Processor model) {
        super(p);
        reconfigure(model);
    }

    @Override
    void reconfigure(Processor model) {
        sequenceField = expressionOf(model);
        window = model.window();
        timeout = QueueEntity.seconds(model.timeout());
    }

    @Override
    void process(Message m) {
        long seq = sequenceOf(m);
        if (seq < expected || waiting.containsKey(seq)) {
            processor.emit(m);
            return;
        }
        if (seq == expected) {
            processor.emit(m);
            expected++;
            releaseConsecutive();
            restartTimer();
            return;
        }
        boolean wasEmpty = waiting.isEmpty();
        waiting.put(seq, m);
        if (waiting.size() > window) {
            skipGap();
        } else if (wasEmpty) {
            restartTimer();
        }
    }

    private long sequenceOf(Message m) {
        if (sequenceField != null && m.hasPayload()) {
            JsonNode v = sequenceField.select(m.payload());
            if (v != null && v.canConvertToLong()) {
                return v.longValue();
            }
        }
        return m.sequence;
    }

    private void releaseConsecutive() {
        while (!waiting.isEmpty() && waiting.firstKey() == expected) {
            processor.emit(waiting.pollFirstEntry().getValue());
            expected++;
        }
    }

    private void skipGap() {
        expected = waiting.firstKey();
        releaseConsecutive();
        restartTimer();
    }

    private void restartTimer() {
        timerGeneration++;
        if (!waiting.isEmpty() && timeout > 0) {
            processor.scheduleTimer(timeout, null, timerGeneration);
        }
    }

    @Override
    void timer(Object subject, long arg) {
        if (arg == timerGeneration && !waiting.isEmpty()) {
            skipGap();
        }
    }

    @Override
    long held() {
        return waiting.size();
    }
}
