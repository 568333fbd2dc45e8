// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.time.Duration;

/**
 * NATS JetStream's defaults for a stream and its durable pull consumer, in one place for the engine,
 * the portability checks and the export. A queue is a stream: its max length is {@code max_msgs},
 * its overflow drop-head is {@code discard: old} and reject-publish {@code discard: new}, its message
 * TTL is {@code max_age}, and queue type {@link QueueType#STREAM} asks for limits retention (acked
 * messages stay until a limit removes them) where any other type means work-queue retention (an ack
 * removes the message). The queue's visibility timeout is the consumer's {@code ack_wait}, its
 * delivery limit {@code max_deliver}, its redelivery delay (with multiplier and maximum) the delay
 * of each nak; a consumer node's prefetch times its instances is {@code max_ack_pending}.
 * Sources: docs/brokers.md, "NATS JetStream".
 */
public final class NatsLimits {
    /** A consumer's {@code ack_wait} unless set: 30 s (docs.nats.io, JetStream "Consumers"). */
    public static final Duration DEFAULT_ACK_WAIT = Duration.ofSeconds(30);
    /** A consumer's {@code max_ack_pending} unless set: 1,000 messages delivered and not acked. */
    public static final int DEFAULT_MAX_ACK_PENDING = 1000;
    /** A stream's {@code duplicate_window} unless set: 2 minutes. */
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);
    /** The header whose value JetStream deduplicates publishes by within the duplicate window. */
    public static final String MSG_ID_HEADER = "Nats-Msg-Id";
    /** The advisory subject prefix the server publishes to when a message reaches {@code max_deliver}. */
    public static final String MAX_DELIVERIES_ADVISORY = "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES";

    private NatsLimits() {
    }

    /** The {@code ack_wait} of {@code q}'s consumer: its visibility timeout, or 30 s. */
    public static Duration ackWait(QueueSettings q) {
        return q.visibilityTimeout() == null ? DEFAULT_ACK_WAIT : q.visibilityTimeout();
    }

    /** Whether {@code q}'s stream has limits retention (queue type stream); otherwise work-queue retention. */
    public static boolean limitsRetention(QueueSettings q) {
        return q.queueType() == QueueType.STREAM;
    }

    /**
     * The {@code max_ack_pending} of a consumer node: its prefetch for every instance, or NATS's 1,000
     * when the prefetch is 0 (no limit of Pipewright's own).
     */
    public static int maxAckPending(Consumer c) {
        long pending = (long) c.prefetch() * c.instances();
        return c.prefetch() == 0 ? DEFAULT_MAX_ACK_PENDING : (int) Math.min(Integer.MAX_VALUE, pending);
    }

    /**
     * The prefetch the engine gives each instance of a consumer node under NATS: the node's own, or
     * an even share of the 1,000 {@code max_ack_pending} when it has none (at least 1).
     */
    public static int instancePrefetch(int prefetch, int instances) {
        if (prefetch > 0) {
            return prefetch;
        }
        return Math.max(1, DEFAULT_MAX_ACK_PENDING / Math.max(1, instances));
    }

    /**
     * True when NATS subject {@code subject} (tokens separated by {@code .}, no wildcards) matches
     * {@code filter}: {@code *} matches exactly one token, {@code >} as the last token one or more.
     * One pass over both, so no filter makes it slow.
     */
    public static boolean subjectMatches(String filter, String subject) {
        if (filter == null || subject == null || filter.isEmpty() || subject.isEmpty()) {
            return false;
        }
        int f = 0;
        int s = 0;
        while (true) {
            int fe = tokenEnd(filter, f);
            if (fe - f == 1 && filter.charAt(f) == '>' && fe == filter.length()) {
                return s <= subject.length(); // one token or more remains
            }
            if (s > subject.length()) {
                return false;
            }
            int se = tokenEnd(subject, s);
            boolean star = fe - f == 1 && filter.charAt(f) == '*';
            if (!star && (fe - f != se - s || !filter.regionMatches(f, subject, s, fe - f))) {
                return false;
            }
            if (star && se == s) {
                return false; // an empty token is no token
            }
            f = fe + 1;
            s = se + 1;
            if (f > filter.length()) {
                return s > subject.length();
            }
        }
    }

    private static int tokenEnd(String text, int from) {
        int i = text.indexOf('.', from);
        return i < 0 ? text.length() : i;
    }
}
