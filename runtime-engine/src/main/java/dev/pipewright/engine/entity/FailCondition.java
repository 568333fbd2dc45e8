// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

/**
 * A consumer's {@code failWhen}: {@code header:NAME=VALUE} (the header equals the value), or a
 * payload condition in the processors' JSONPath {@link Expression} language.
 */
public final class FailCondition {
    private static final String HEADER = "header:";

    private final String header;
    private final String value;
    private final Expression expression;

    private FailCondition(String header, String value, Expression expression) {
        this.header = header;
        this.value = value;
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
        String s = text.strip();
        if (s.startsWith(HEADER)) {
            int eq = s.indexOf('=', HEADER.length());
            if (eq <= HEADER.length()) {
                throw new IllegalArgumentException("a header condition reads header:NAME=VALUE, e.g. header:kind=poison");
            }
            return new FailCondition(s.substring(HEADER.length(), eq).strip(), s.substring(eq + 1).strip(), null);
        }
        return new FailCondition(null, null, new Expression(s));
    }

    boolean test(Message m) {
        if (expression != null) {
            return m.hasPayload() && expression.test(m.payload());
        }
        return m.headers != null && value.equals(m.headers.get(header));
    }
}
