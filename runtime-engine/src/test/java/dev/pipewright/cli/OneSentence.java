// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** What a command line run that could not use its input printed, checked to be one sentence. */
final class OneSentence {
    private OneSentence() {
    }

    /**
     * The one line {@code run} printed (its info lines aside), after checking it exited 2 (unusable
     * input) and that the line holds no exception's name and not {@code secret}.
     */
    static String of(CliRun run, String secret) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(PipewrightCli.EXIT_UNUSABLE_INPUT);
        List<String> lines = run.err().lines().filter(line -> !line.contains(": info: ")).toList();
        assertThat(lines).as(run.err()).hasSize(1);
        assertThat(lines.getFirst()).doesNotContain("Exception").doesNotContain(secret);
        return lines.getFirst();
    }
}
