// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import dev.pipewright.model.Flow;
import dev.pipewright.model.lesson.Challenge;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a challenge's goals, which lessons keep as text in the {@code --assert} syntax, into
 * {@link Assertion}s, and says which of them do not parse or name a node the flow lacks.
 */
public final class Goals {
    private Goals() {
    }

    /**
     * The goals as assertions.
     *
     * @throws InvalidAssertionException for the first goal that does not parse, its number in the message
     */
    public static List<Assertion> parse(Challenge challenge) {
        List<Assertion> assertions = new ArrayList<>();
        for (int i = 0; i < challenge.goals().size(); i++) {
            try {
                assertions.add(Assertion.parse(challenge.goals().get(i)));
            } catch (InvalidAssertionException e) {
                throw new InvalidAssertionException("challenge goal " + (i + 1) + ": " + e.getMessage());
            }
        }
        return assertions;
    }

    /** Each goal that does not parse, or names a node {@code flow} lacks, in words; empty when all fit. */
    public static List<String> problems(Challenge challenge, Flow flow) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < challenge.goals().size(); i++) {
            String prefix = "challenge goal " + (i + 1) + ": ";
            try {
                Assertion.parse(challenge.goals().get(i)).problemIn(flow).ifPresent(p -> problems.add(prefix + p));
            } catch (InvalidAssertionException e) {
                problems.add(prefix + e.getMessage());
            }
        }
        return problems;
    }
}
