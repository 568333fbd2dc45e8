// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import java.util.ArrayList;
import java.util.List;

/**
 * The broker entities a dead-letter queue with {@code retryAfter} needs beside itself, which the
 * RabbitMQ and Artemis exports write and a live run declares from them: a <em>parking queue</em>
 * ({@link #parkedName}) for what is not sent back any more, and on RabbitMQ a <em>wait queue</em>
 * ({@link #waitName}) whose message TTL is the delay and which dead-letters back to the origin.
 *
 * <p>Only a dead-letter queue with one origin (one queue dead-letters to it) and no consumers of
 * its own has them: the wait queue dead-letters to one queue, and a consumer would take the
 * messages the retry is for.
 */
public final class RetryTopology {
    private RetryTopology() {
    }

    /** A dead-letter queue that retries, and the one queue that dead-letters to it. */
    public record Retry(DeadLetterQueue dlq, String originId) {
    }

    /** The parking queue of dead-letter queue {@code dlqName}: its messages are those not sent back any more. */
    public static String parkedName(String dlqName) {
        return dlqName + ".parked";
    }

    /** The wait queue of dead-letter queue {@code dlqName} on RabbitMQ (its TTL the delay, dead-lettering to the origin). */
    public static String waitName(String dlqName) {
        return dlqName + ".wait";
    }

    /** The retrying dead-letter queues of {@code flow} that have a retry topology, in node order. */
    public static List<Retry> of(Flow flow) {
        List<Retry> out = new ArrayList<>();
        for (Node n : flow.nodes()) {
            if (n instanceof DeadLetterQueue d && d.retryAfter() != null && origins(flow, d).size() == 1 && !read(flow, d)) {
                out.add(new Retry(d, origins(flow, d).getFirst()));
            }
        }
        return out;
    }

    /** The queues that dead-letter to {@code d}, each once. */
    public static List<String> origins(Flow flow, DeadLetterQueue d) {
        return flow.edges().stream().filter(e -> e.to().equals(d.id()) && e.fromPort() == Port.DEAD_LETTER)
                .map(Edge::from).distinct().toList();
    }

    /** Whether a consumer reads {@code d}. */
    public static boolean read(Flow flow, DeadLetterQueue d) {
        return flow.edges().stream().anyMatch(e -> e.from().equals(d.id())
                && flow.node(e.to()).orElse(null) instanceof Consumer);
    }
}
