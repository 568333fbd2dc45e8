// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.lesson;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The exercise that ends a lesson: the learner changes the flow until a run of it meets every
 * goal. The goals are kept as written, in the {@code --assert} syntax ({@code NODE.METRIC OP
 * VALUE}); the engine reads and checks them, the model only carries them.
 *
 * @param text the task, in words
 * @param run how much virtual time the learner's flow is run for
 * @param seed the random seed of that run
 * @param goals what the run must show, e.g. {@code payments-dlq.count == 3}
 */
public record Challenge(String text, Duration run, long seed, List<String> goals) {
    /** The seed when a lesson names none. */
    public static final long DEFAULT_SEED = 42;

    public Challenge {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(run, "run");
        goals = List.copyOf(goals);
    }
}
