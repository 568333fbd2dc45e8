// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

/** RabbitMQ topic matching: dotted words, {@code *} matches exactly one word, {@code #} zero or more. */
public final class TopicPattern {
    private TopicPattern() {
    }

    public static boolean matches(String pattern, String routingKey) {
        String[] p = pattern.isEmpty() ? new String[0] : pattern.split("\\.", -1);
        String[] k = routingKey.isEmpty() ? new String[0] : routingKey.split("\\.", -1);
        return match(p, 0, k, 0);
    }

    private static boolean match(String[] p, int i, String[] k, int j) {
        if (i == p.length) {
            return j == k.length;
        }
        if (p[i].equals("#")) {
            for (int skip = j; skip <= k.length; skip++) {
                if (match(p, i + 1, k, skip)) {
                    return true;
                }
            }
            return false;
        }
        if (j == k.length) {
            return false;
        }
        return (p[i].equals("*") || p[i].equals(k[j])) && match(p, i + 1, k, j + 1);
    }
}
