// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.time.Duration;
import java.util.List;

/**
 * The competing consumers of the queue wired to its input.
 *
 * @param instances consumer instances, each processing one message at a time
 * @param prefetch unacknowledged messages one instance may hold (0 for no limit)
 * @param processingTime time to process one message
 * @param failureRate probability that processing one message fails
 * @param onFailure what a failure does with the message
 * @param ackMode when the broker considers a message done
 * @param crashes scheduled crashes of instances, for fault scenarios
 * @param replies sends a reply to the message's reply-to queue (request/reply)
 * @param failFirstAttempts attempts 1..N of each message fail, then it succeeds; null for none
 *     (deterministic failures for scenarios and lessons, on top of {@code failureRate})
 * @param failWhen messages matching this condition always fail: {@code header:NAME=VALUE}, or a
 *     JSONPath condition on the payload as processors use (e.g. {@code $.amount > 100}); null for none
 */
public record Consumer(String id, String name, Position position, int instances, int prefetch,
                       Distribution processingTime, double failureRate, FailureAction onFailure, AckMode ackMode,
                       List<Crash> crashes, boolean replies,
                       Integer failFirstAttempts, String failWhen) implements Node, QueueReader {

    /** What a consumer does with a message it failed to process. */
    public enum FailureAction {
        /** Nack with requeue: the broker delivers it again (counts toward the delivery limit). */
        REQUEUE,
        /** Reject without requeue and without dead-lettering: the message is dropped. */
        REJECT,
        /** Reject without requeue: the queue dead-letters it (or drops it if it has no target). */
        DEAD_LETTER
    }

    /** When a message counts as done. */
    public enum AckMode {
        /** On delivery: fast, but a crash or failure loses the message. */
        AUTO,
        /** After processing: a crash puts its unacknowledged messages back in the queue. */
        MANUAL
    }

    /**
     * A scheduled crash of one instance.
     *
     * @param at virtual time of the crash from the start of the run
     * @param instance which instance (0-based)
     * @param downFor how long it stays down; null for the rest of the run
     */
    public record Crash(Duration at, int instance, Duration downFor) {
        public Crash {
            Checks.nonNegative("crashes.at", Checks.required("crashes.at", at));
            Checks.between("crashes.instance", instance, 0, Limits.MAX_INSTANCES - 1);
            Checks.positiveOrNull("crashes.downFor", downFor);
        }
    }

    public Consumer {
        id = Checks.id(id);
        name = Checks.name(name, id);
        position = position == null ? Position.ORIGIN : position;
        Checks.between("instances", instances, 1, Limits.MAX_INSTANCES);
        Checks.between("prefetch", prefetch, 0, Limits.MAX_PREFETCH);
        processingTime = processingTime == null ? Distribution.constant(Duration.ZERO) : processingTime;
        Checks.probability("failureRate", failureRate);
        onFailure = onFailure == null ? FailureAction.REQUEUE : onFailure;
        ackMode = ackMode == null ? AckMode.MANUAL : ackMode;
        crashes = Checks.list("crashes", crashes);
        Checks.betweenOrNull("failFirstAttempts", failFirstAttempts, 1, Limits.MAX_FAIL_FIRST_ATTEMPTS);
        failWhen = failWhen == null || failWhen.isBlank() ? null : failWhen.strip();
        if (failWhen != null && failWhen.length() > Limits.MAX_NAME_LENGTH) {
            throw new InvalidPropertyException("failWhen", "is longer than " + Limits.MAX_NAME_LENGTH + " characters");
        }
    }

    public static Consumer of(String id, String name, Position position) {
        return new Consumer(id, name, position, 1, 10, Distribution.exponential(Duration.ofMillis(50)), 0,
                FailureAction.REQUEUE, AckMode.MANUAL, List.of(), false, null, null);
    }

    /** Its instances, each handling one message at a time. */
    @Override
    public int parallelism() {
        return instances;
    }
}
