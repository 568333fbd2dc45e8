// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/**
 * A consumer's {@code failWhen} of the header form {@code header:NAME=VALUE}: a message whose header
 * NAME equals VALUE. The simulator and the live runs read the condition through this one parser.
 *
 * @param name the header's name
 * @param value the value it must equal
 */
public record HeaderMatch(String name, String value) {
    private static final String PREFIX = "header:";

    /**
     * The header condition in {@code failWhen}, or null when it is of another form (a payload
     * condition) or empty.
     *
     * @throws IllegalArgumentException when it starts {@code header:} without a name and an {@code =}
     */
    public static HeaderMatch parse(String failWhen) {
        if (failWhen == null || !failWhen.strip().startsWith(PREFIX)) {
            return null;
        }
        String s = failWhen.strip();
        int eq = s.indexOf('=', PREFIX.length());
        if (eq <= PREFIX.length()) {
            throw new IllegalArgumentException("a header condition reads header:NAME=VALUE, e.g. header:kind=poison");
        }
        return new HeaderMatch(s.substring(PREFIX.length(), eq).strip(), s.substring(eq + 1).strip());
    }

    /** True when a message with these headers matches (a header missing is no match). */
    public boolean test(java.util.function.Function<String, ?> header) {
        Object v = header.apply(name);
        return v != null && value.equals(v.toString());
    }
}
