// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import java.util.regex.Pattern;

/**
 * Pub/Sub's rule for topic and subscription names (the REST reference's {@code Topic.name} and
 * {@code Subscription.name}, cloud.google.com/pubsub/docs/reference/rest/v1/projects.topics): 3 to 255 characters, starting with a letter, of letters, digits and
 * {@code - _ . ~ + %}, and not starting with {@code goog}; and the name a node gets when its own
 * breaks the rule.
 */
public final class PubSubNames {
    /** The longest topic or subscription name Pub/Sub accepts. */
    public static final int MAX_LENGTH = 255;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z][A-Za-z0-9._~+%-]{2,254}");

    private PubSubNames() {
    }

    /** Whether Pub/Sub accepts {@code name} for a topic or subscription. */
    public static boolean valid(String name) {
        return ALLOWED.matcher(name).matches() && !name.regionMatches(true, 0, "goog", 0, 4);
    }

    /**
     * The name on Pub/Sub: {@code name} where it is valid, else one with every other character a
     * hyphen, a leading {@code p-} where it does not start with a letter or starts with {@code goog},
     * padded to 3 and cut to 255. Only letters, digits and {@code - _ . ~ + %} remain, so the name
     * is safe as a shell word.
     */
    public static String of(String name) {
        if (valid(name)) {
            return name;
        }
        String cleaned = name.replaceAll("[^A-Za-z0-9._~+%-]", "-");
        if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0)) || cleaned.charAt(0) > 'z'
                || cleaned.regionMatches(true, 0, "goog", 0, 4)) {
            cleaned = "p-" + cleaned;
        }
        while (cleaned.length() < 3) {
            cleaned = cleaned + "-";
        }
        return cleaned.length() > MAX_LENGTH ? cleaned.substring(0, MAX_LENGTH) : cleaned;
    }
}
