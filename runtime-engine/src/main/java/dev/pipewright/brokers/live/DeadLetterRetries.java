// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.check.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * Retry with delay in a live run: a dead-letter queue with {@code retryAfter} sends each message
 * back to the queue it was dead-lettered from after the delay, at most {@code maxRetries} times, as
 * the simulator's dead-letter queue does; what is not sent back any more is parked.
 *
 * <p>No broker counts retries by itself, so a client does, as a retrying consumer would on a real
 * broker: the <em>retrier</em> takes each message off the dead-letter queue, counts the times it
 * was sent back (a header of its own), and either sends it back after the delay (RabbitMQ: through
 * a wait queue whose message TTL is the delay and which dead-letters back to the origin; Artemis:
 * a scheduled delivery to the origin) or moves it to the parking queue ({@link #parkedName}), the
 * "parking lot" of the pattern, whose messages the report counts as the dead-letter queue's.
 */
public final class DeadLetterRetries {
    private DeadLetterRetries() {
    }

    /** A dead-letter queue that retries, and the one queue that dead-letters to it. */
    public record Plan(DeadLetterQueue dlq, String originId) {
        /** Whether a message sent back {@code sentBack} times so far goes back once more (its death count is one more). */
        public boolean sendsBack(int sentBack) {
            return dlq.maxRetries() == null || sentBack + 1 <= dlq.maxRetries();
        }
    }

    /** The parking queue of dead-letter queue {@code dlqName}: its messages are those not sent back any more. */
    public static String parkedName(String dlqName) {
        return dlqName + ".parked";
    }

    /** The wait queue of dead-letter queue {@code dlqName} on RabbitMQ (its TTL the delay, dead-lettering to the origin). */
    public static String waitName(String dlqName) {
        return dlqName + ".wait";
    }

    /** The retrying dead-letter queues of {@code flow} that a live run can carry out (one origin, no consumer of their own). */
    public static List<Plan> of(Flow flow) {
        List<Plan> out = new ArrayList<>();
        for (Node n : flow.nodes()) {
            if (n instanceof DeadLetterQueue d && d.retryAfter() != null && origins(flow, d).size() == 1 && !read(flow, d)) {
                out.add(new Plan(d, origins(flow, d).getFirst()));
            }
        }
        return out;
    }

    /** What a live run refuses of the retrying dead-letter queues of {@code flow}, one error each. */
    public static List<Finding> check(Flow flow) {
        List<Finding> out = new ArrayList<>();
        for (Node n : flow.nodes()) {
            if (n instanceof DeadLetterQueue d && d.retryAfter() != null) {
                if (origins(flow, d).size() > 1) {
                    out.add(LiveChecks.error(d, "a dead-letter queue that retries to several queues does not run live yet;"
                            + " give each queue a dead-letter queue of its own, or run it in the simulator"));
                } else if (read(flow, d)) {
                    out.add(LiveChecks.error(d, "a dead-letter queue that retries and has consumers does not run live yet;"
                            + " run it in the simulator"));
                }
            }
        }
        return out;
    }

    private static List<String> origins(Flow flow, DeadLetterQueue d) {
        return flow.edges().stream().filter(e -> e.to().equals(d.id()) && e.fromPort() == Port.DEAD_LETTER)
                .map(Edge::from).distinct().toList();
    }

    private static boolean read(Flow flow, DeadLetterQueue d) {
        return flow.edges().stream().anyMatch(e -> e.from().equals(d.id())
                && flow.node(e.to()).orElse(null) instanceof Consumer);
    }
}
