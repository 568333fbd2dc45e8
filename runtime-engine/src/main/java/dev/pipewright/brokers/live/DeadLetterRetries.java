// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.config.RetryTopology;
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
 * The wait and parking queues are the export's ({@link RetryTopology}): the live run declares them
 * with the rest of the export, never on its own.
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

    /** The parking queue of dead-letter queue {@code dlqName}, as the exports write it ({@link RetryTopology#parkedName}). */
    public static String parkedName(String dlqName) {
        return RetryTopology.parkedName(dlqName);
    }

    /** The wait queue of dead-letter queue {@code dlqName} on RabbitMQ, as the export writes it ({@link RetryTopology#waitName}). */
    public static String waitName(String dlqName) {
        return RetryTopology.waitName(dlqName);
    }

    /** The retrying dead-letter queues of {@code flow} that a live run can carry out (one origin, no consumer of their own). */
    public static List<Plan> of(Flow flow) {
        return RetryTopology.of(flow).stream().map(r -> new Plan(r.dlq(), r.originId())).toList();
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
        return RetryTopology.origins(flow, d);
    }

    private static boolean read(Flow flow, DeadLetterQueue d) {
        return RetryTopology.read(flow, d);
    }
}
