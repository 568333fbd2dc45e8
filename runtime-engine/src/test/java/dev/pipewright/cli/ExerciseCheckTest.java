// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Flow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExerciseCheckTest {
    @TempDir
    Path dir;

    private Path lesson(String goals) throws IOException {
        return Files.writeString(dir.resolve("p2p.md"), """
                ---
                title: Point to point
                topic: Basics
                flow: p2p.flow.json
                order: 10
                try:
                  - text: Watch.
                  - text: Add a worker.
                    action: add-instance workers
                challenge:
                  text: Keep the orders queue short.
                  run: 10s
                  goals:
                %s
                ---

                One consumer gets each message.
                """.formatted(goals));
    }

    private Path flow(Flow flow) throws IOException {
        return TestFlows.write(dir, "p2p.flow.json", flow);
    }

    private static void assertPlain(String text) {
        assertThat(text.chars().filter(c -> c < 0x20 && c != '\n').count()).as("control characters in: " + text).isZero();
    }

    @Test
    void aFlowMeetingEveryGoalExitsZeroAndSaysSo() throws IOException {
        CliRun run = CliRun.of("check", "--exercise", lesson("    - workers.count > 100\n    - orders.depth < 50").toString(),
                flow(TestFlows.pointToPoint()).toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exercise: Point to point", "Keep the orders queue short.",
                "for 10 s of virtual time (seed 42)", "met     workers.count is ", "met     orders.depth is ", "The challenge is met.");
        assertThat(run.err()).isEmpty();
        assertPlain(run.out());
    }

    @Test
    void aMissedGoalExitsOneWithTheFigureAndTheGap() throws IOException {
        CliRun run = CliRun.of("check", "--exercise", lesson("    - workers.count > 100\n    - workers.count < 10").toString(),
                flow(TestFlows.pointToPoint()).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("MISSED  workers.count is (\\d+), wanted < 10: \\d+ too many")
                .contains("Not yet: 1 of 2 goals missed.");
        assertPlain(run.out());
    }

    @Test
    void aFlowThatLacksTheGoalsNodeExitsOne() throws IOException {
        CliRun run = CliRun.of("check", "--exercise", lesson("    - ghost.count == 1").toString(),
                flow(TestFlows.pointToPoint()).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("goal 'ghost.count == 1': the flow has no node with the id or name 'ghost'");
    }

    @Test
    void unusableLessonsAndArgumentsExitTwoWithOneClearLine() throws IOException {
        Path flow = flow(TestFlows.pointToPoint());
        Path badGoal = lesson("    - workers.speed > 1");
        CliRun goal = CliRun.of("check", "--exercise", badGoal.toString(), flow.toString());
        assertThat(goal.exitCode()).isEqualTo(2);
        assertThat(goal.err()).contains("challenge goal 1: assertion 'workers.speed > 1': unknown metric 'speed'");

        CliRun missing = CliRun.of("check", "--exercise", dir.resolve("nope.md").toString(), flow.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("there is no such file");

        CliRun noSample = CliRun.of("check", "--exercise", "no-such-sample", flow.toString());
        assertThat(noSample.exitCode()).isEqualTo(2);
        assertThat(noSample.err()).contains("no sample with this id has a lesson");

        Path plain = Files.writeString(dir.resolve("plain.md"), Files.readString(badGoal).replaceAll("(?s)challenge:.*?---", "---"));
        CliRun noChallenge = CliRun.of("check", "--exercise", plain.toString(), flow.toString());
        assertThat(noChallenge.exitCode()).isEqualTo(2);
        assertThat(noChallenge.err()).contains("has no challenge to check");

        CliRun two = CliRun.of("check", "--exercise", badGoal.toString(), flow.toString(), flow.toString());
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("name one flow");

        Path hostile = Files.writeString(dir.resolve("evil.md"), "---\ntitle: \u001b[31mRed\n---\n");
        CliRun evil = CliRun.of("check", "--exercise", hostile.toString(), flow.toString());
        assertThat(evil.exitCode()).isEqualTo(2);
        assertThat(evil.err()).contains("\\u001b");
        assertPlain(evil.err());
    }
}
