// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.engine.template.Expression;
import dev.pipewright.model.HeaderMatch;

/**
 * A consumer's {@code failWhen}: {@code header:NAME=VALUE} (the header equals the value), or a
 * payload condition in the processors' JSONPath {@link Expression} language.
 */
public final class FailCondition {
    private final HeaderMatch header;
    private final Expression expression;

    private FailCondition(HeaderMatch header, Expression expression) {
        this.header = header;
        this.expression = expression;
    }

    /**
     * Parses a condition; null for none.
     *
     * @throws IllegalArgumentException saying which forms are understood
     */
    public static FailCondition of(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        HeaderMatch header = HeaderMatch.parse(text);
        return header != null ? new FailCondition(header, null) : new FailCondition(null, new Expression(text.strip()));
    }

    boolean test(Message m) {
        if (expression != null) {
            return m.hasPayload() && expression.test(m.payload());
        }
        return m.headers != null && header.test(m.headers::get);
    }
}
