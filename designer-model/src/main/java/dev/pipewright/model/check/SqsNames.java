// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import dev.pipewright.model.QueueSettings;
import java.util.regex.Pattern;

/**
 * SQS's rule for queue names (Amazon SQS Developer Guide, "Amazon SQS queue names": 1 to 80
 * characters, alphanumerics, hyphens and underscores, and a FIFO queue's name ends {@code .fifo},
 * which counts towards the 80), and the name a queue gets on SQS when its own breaks the rule.
 */
public final class SqsNames {
    /** The longest queue name SQS accepts, the {@code .fifo} suffix included. */
    public static final int MAX_LENGTH = 80;
    private static final String FIFO_SUFFIX = ".fifo";
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]+");

    private SqsNames() {
    }

    /** Whether SQS accepts {@code name} for a queue that is ({@code fifo}) or is not a FIFO queue. */
    public static boolean valid(String name, boolean fifo) {
        String stem = fifo && name.endsWith(FIFO_SUFFIX) ? name.substring(0, name.length() - FIFO_SUFFIX.length()) : name;
        if (fifo != name.endsWith(FIFO_SUFFIX)) {
            return false;
        }
        return !stem.isEmpty() && name.length() <= MAX_LENGTH && ALLOWED.matcher(stem).matches();
    }

    /** The queue's name on SQS: its own where SQS accepts it, else one with every other character a hyphen, cut to fit, {@code .fifo} added for a FIFO queue. */
    public static String of(QueueSettings q) {
        boolean fifo = q.sqsFifo();
        if (valid(q.name(), fifo)) {
            return q.name();
        }
        String stem = q.name().endsWith(FIFO_SUFFIX) ? q.name().substring(0, q.name().length() - FIFO_SUFFIX.length()) : q.name();
        String cleaned = stem.replaceAll("[^A-Za-z0-9_-]", "-");
        if (cleaned.isEmpty()) {
            cleaned = q.id().replaceAll("[^A-Za-z0-9_-]", "-");
        }
        int room = MAX_LENGTH - (fifo ? FIFO_SUFFIX.length() : 0);
        if (cleaned.length() > room) {
            cleaned = cleaned.substring(0, room);
        }
        return fifo ? cleaned + FIFO_SUFFIX : cleaned;
    }
}
