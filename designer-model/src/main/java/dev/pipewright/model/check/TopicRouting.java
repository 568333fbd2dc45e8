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

    /**
     * True when the dotted {@code key} matches the topic {@code pattern} ({@code *}: one word,
     * {@code #}: any number). One pass per pattern word over a row of key positions, with no
     * recursion, so no number of {@code #} makes it backtrack; each pass reads only the positions
     * between the first and last that can still match, so a run of {@code *} costs a step per
     * word, and time is at most pattern words times key words, memory key words.
     */
    public static boolean matchesPattern(String pattern, String key) {
        String[] p = words(pattern);
        String[] k = words(key);
        // row[j]: the pattern words seen so far match the first j key words; true only within [lo, hi].
        boolean[] row = new boolean[k.length + 1];
        row[0] = true;
        int lo = 0;
        int hi = 0;
        for (String word : p) {
            if (word.equals("#")) {
                for (int j = lo + 1; j <= k.length; j++) {
                    row[j] = row[j] || row[j - 1];
                }
                hi = k.length;
                continue;
            }
            // Right to left, so row[j - 1] still holds the value before this word.
            int newLo = -1;
            int newHi = -1;
            for (int j = Math.min(hi + 1, k.length); j >= lo + 1; j--) {
                row[j] = row[j - 1] && (word.equals("*") || word.equals(k[j - 1]));
                if (row[j]) {
                    newLo = j;
                    newHi = newHi < 0 ? j : newHi;
                }
            }
            row[lo] = false;
            if (newLo < 0) {
                return false;
            }
            lo = newLo;
            hi = newHi;
        }
        return row[k.length];
    }

    private static String[] words(String dotted) {
        return dotted.isEmpty() ? new String[0] : dotted.split("\\.", -1);
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
