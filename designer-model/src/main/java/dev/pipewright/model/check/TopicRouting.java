// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Topic;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a topic's binding takes a message, by the rules of RabbitMQ's exchange types: fanout
 * takes everything, direct compares the key, topic matches dotted patterns where {@code *} is
 * exactly one word and {@code #} zero or more, headers compares header arguments
 * ({@code x-match} = {@code all}, the default, or {@code any}).
 */
public final class TopicRouting {
    private TopicRouting() {
    }

    /**
     * @param routing the topic's routing
     * @param binding the edge leaving the topic
     * @param routingKey the message's routing key; null counts as the empty key
     * @param headers the message's headers
     */
    public static boolean accepts(Topic.Routing routing, Edge binding, String routingKey, Map<String, String> headers) {
        Objects.requireNonNull(routing, "routing");
        String key = routingKey == null ? "" : routingKey;
        String bindingKey = binding.key() == null ? "" : binding.key();
        return switch (routing) {
            case FANOUT -> true;
            case DIRECT -> bindingKey.equals(key);
            case TOPIC -> matchesPattern(bindingKey, key);
            case HEADERS -> matchesHeaders(binding.headers(), headers == null ? Map.of() : headers);
        };
    }

    /** True when the dotted {@code key} matches the topic {@code pattern} ({@code *}: one word, {@code #}: any number). */
    public static boolean matchesPattern(String pattern, String key) {
        String[] p = pattern.isEmpty() ? new String[0] : pattern.split("\\.", -1);
        String[] k = key.isEmpty() ? new String[0] : key.split("\\.", -1);
        // matched[i][j]: the first i pattern words match the first j key words.
        boolean[][] matched = new boolean[p.length + 1][k.length + 1];
        matched[0][0] = true;
        for (int i = 1; i <= p.length; i++) {
            String word = p[i - 1];
            for (int j = 0; j <= k.length; j++) {
                if (word.equals("#")) {
                    matched[i][j] = matched[i - 1][j] || (j > 0 && matched[i][j - 1]);
                } else if (j > 0) {
                    matched[i][j] = matched[i - 1][j - 1] && (word.equals("*") || word.equals(k[j - 1]));
                }
            }
        }
        return matched[p.length][k.length];
    }

    private static boolean matchesHeaders(Map<String, String> wanted, Map<String, String> actual) {
        boolean any = "any".equalsIgnoreCase(wanted.get("x-match"));
        int considered = 0;
        int equal = 0;
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (e.getKey().startsWith("x-")) {
                continue;
            }
            considered++;
            if (Objects.equals(actual.get(e.getKey()), e.getValue())) {
                equal++;
            }
        }
        return any ? equal > 0 : equal == considered;
    }
}
