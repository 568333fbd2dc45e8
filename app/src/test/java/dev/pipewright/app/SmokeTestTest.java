// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.Samples;
import dev.pipewright.engine.api.Conservation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.io.FlowFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * {@code --smoke-test} on the real window: it opens what the command line names, runs it on the
 * engine and ends with one line that says ok with the figures, or failed with the reason.
 */
@ExtendWith(ApplicationExtension.class)
class SmokeTestTest {
    private static final String OK_LINE = "pipewright smoke test: ok \\((.+), 5\\.0 s simulated, [0-9,]+ messages, "
            + "first frame [0-9]+ ms after [0-9]+ ms of CPU\\)";

    private Stage stage;
    private Path dir;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        dir = Files.createTempDirectory("pipewright-smoke-test");
    }

    private SmokeTest.Outcome smoke(String... args) throws Exception {
        CompletableFuture<SmokeTest.Outcome> outcome = new CompletableFuture<>();
        StartupOptions options = StartupOptions.parse(List.of(args));
        Platform.runLater(() -> SmokeTest.begin(stage, options, new AppHome(dir.resolve("home")), Instant.now(),
                outcome::complete));
        return outcome.get(60, TimeUnit.SECONDS);
    }

    @Test
    void theDefaultSampleRunsFiveSimulatedSecondsAndPasses() throws Exception {
        SmokeTest.Outcome outcome = smoke("--smoke-test");

        assertThat(outcome.ok()).as(outcome.line()).isTrue();
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.line()).matches(OK_LINE).contains("(sample " + Samples.DEFAULT_ID + ",");
    }

    @Test
    void aFlowFileNamedOnTheCommandLineIsTheOneThatRuns() throws Exception {
        Path file = dir.resolve("orders.flow.json");
        FlowFiles.write(file, Samples.find("point-to-point").orElseThrow().flow().get());

        SmokeTest.Outcome outcome = smoke(file.toString(), "--smoke-test");

        assertThat(outcome.line()).matches(OK_LINE).contains("(file orders.flow.json,");
    }

    @Test
    void aBrokenFileFailsWithTheMessageTheAppWouldShow() throws Exception {
        Path file = dir.resolve("broken.flow.json");
        Files.writeString(file, "{\n  \"format\": \"pipewright-flow\",\n  \"version\": 1,\n  \"nodes\": [\n");

        SmokeTest.Outcome outcome = smoke("--smoke-test", file.toString());

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.line()).startsWith("pipewright smoke test: failed: Could not open broken.flow.json")
                .doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void anUnknownSampleFailsNamingIt() throws Exception {
        SmokeTest.Outcome outcome = smoke("--smoke-test", "--sample", "no-such-sample");

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.line()).startsWith("pipewright smoke test: failed: No sample 'no-such-sample'");
    }

    @Test
    void aRunThatBreaksTheConservationLawFails() {
        Snapshot last = snapshot(5.0, new Conservation(100, 90, 0, 0, 0, 0, 5, 4));

        SmokeTest.Outcome outcome = SmokeTest.judge("sample x", last, Duration.ofMillis(800), null);

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.line()).startsWith("pipewright smoke test: failed: the conservation law does not hold")
                .contains("off by 1");
    }

    @Test
    void aRunThatProducedNothingFails() {
        SmokeTest.Outcome outcome = SmokeTest.judge("sample x", snapshot(5.0, new Conservation(0, 0, 0, 0, 0, 0, 0, 0)),
                Duration.ofMillis(800), null);

        assertThat(outcome.line()).isEqualTo("pipewright smoke test: failed: sample x produced no message in 5.0 s simulated");
    }

    @Test
    void aGoodRunGivesTheFiguresOnOneLine() {
        SmokeTest.Outcome outcome = SmokeTest.judge("sample x", snapshot(5.0, new Conservation(1234, 1200, 0, 0, 0, 0, 30, 4)),
                Duration.ofMillis(850), Duration.ofMillis(1900));

        assertThat(outcome.line()).isEqualTo("pipewright smoke test: ok (sample x, 5.0 s simulated, 1,234 messages, "
                + "first frame 850 ms after 1900 ms of CPU)");
    }

    @Test
    void onlyTheOptionAsksForTheSmokeTest() {
        assertThat(SmokeTest.requested(new String[] {"--smoke-test"})).isTrue();
        assertThat(SmokeTest.requested(new String[] {"orders.flow.json", "--smoke-test"})).isTrue();
        assertThat(SmokeTest.requested(new String[] {"--sample", "point-to-point"})).isFalse();
        assertThat(SmokeTest.requested(new String[] {})).isFalse();
    }

    private static Snapshot snapshot(double time, Conservation c) {
        return new Snapshot(time, 1000, 0.1, Map.of(), Map.of(), c);
    }
}
