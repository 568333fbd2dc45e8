// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.engine.template.Expression;
import dev.pipewright.model.Processor;

/**
 * What one processor variant does with a message once its processing time has passed: pass it on,
 * filter, route, split, aggregate, resequence, dedupe or claim-check it. Every message handed to
 * {@link #process} must end up emitted, held (and counted by {@link #held()}), or settled in the
 * ledger.
 */
abstract class ProcessorStep {
    protected final ProcessorEntity processor;

    ProcessorStep(ProcessorEntity processor) {
        this.processor = processor;
    }

    abstract void process(Message m);

    /** A timer this step scheduled through {@link ProcessorEntity#scheduleTimer} came due. */
    void timer(Object subject, long arg) {
    }

    /** Messages the step holds between events (aggregator groups, resequencer buffer). */
    long held() {
        return 0;
    }

    /** Takes changed properties of the processor. */
    void reconfigure(Processor model) {
    }

    /** The compiled expression of the model, or null when it has none. */
    static Expression expressionOf(Processor model) {
        return dev.pipewright.engine.template.ProcessorRules.expressionOf(model);
    }
}
