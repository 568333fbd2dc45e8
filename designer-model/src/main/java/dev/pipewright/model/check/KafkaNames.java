// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.QueueSettings;
import java.util.regex.Pattern;

/**
 * Kafka's rule for topic names ({@code org.apache.kafka.common.internals.Topic.validate}: 1 to 249
 * characters of ASCII letters, digits, {@code .}, {@code _} and {@code -}, and neither {@code .} nor
 * {@code ..}), and the name a queue's topic gets on Kafka when its own breaks the rule.
 */
public final class KafkaNames {
    /** The longest topic name Kafka accepts. */
    public static final int MAX_LENGTH = 249;
    /** The dead-letter topic's suffix in Spring Kafka's {@code DeadLetterPublishingRecoverer} (and a common Kafka Connect choice). */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";
    private static final Pattern ALLOWED = Pattern.compile("[a-zA-Z0-9._-]+");

    private KafkaNames() {
    }

    /** Whether Kafka accepts {@code name} as a topic name. */
    public static boolean valid(String name) {
        return !name.isEmpty() && name.length() <= MAX_LENGTH && !name.equals(".") && !name.equals("..")
                && ALLOWED.matcher(name).matches();
    }

    /** The queue's topic name on Kafka: its own where Kafka accepts it, else every other character a hyphen, cut to 249. */
    public static String of(QueueSettings q) {
        return of(q.name(), q.id());
    }

    static String of(String name, String id) {
        if (valid(name)) {
            return name;
        }
        String cleaned = name.replaceAll("[^a-zA-Z0-9._-]", "-");
        if (cleaned.isEmpty() || cleaned.matches("\\.{1,2}")) {
            cleaned = id.replaceAll("[^a-zA-Z0-9._-]", "-");
        }
        if (cleaned.matches("\\.{1,2}")) {
            cleaned = cleaned.replace('.', '-');
        }
        return cleaned.length() > MAX_LENGTH ? cleaned.substring(0, MAX_LENGTH) : cleaned;
    }
}
