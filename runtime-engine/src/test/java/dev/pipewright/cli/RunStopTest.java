// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.engine.Simulation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Stopping a run early (what Ctrl-C does) and the progress line, without a terminal or a wall clock. */
class RunStopTest {
    @TempDir
    Path dir;

    /** Runs {@code args} with the run's stop flag set by a watcher once virtual time reaches {@code stopAt}. */
    private static CliRun stoppedAt(double stopAt, String... args) {
        CommandLine cli = PipewrightCli.commandLine();
        RunCommand run = cli.getSubcommands().get("run").getCommand();
        run.watchWith(simulation -> {
            if (simulation.now() >= stopAt) {
                run.stopFlag().set(true); // as the Ctrl-C hook does
            }
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PipewrightCli.run(cli, args, out, err);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void aStoppedRunPrintsTheReportOfWhatRanSaysSoAndExits130() throws IOException {
        String flow = TestFlows.write(dir, "p2p.flow.json", TestFlows.pointToPoint()).toString();
        CliRun run = stoppedAt(3600, "run", flow, "--duration", "10h", "--report", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(PipewrightCli.EXIT_STOPPED).isEqualTo(130);
        JsonNode json = new ObjectMapper().readTree(run.out());
        double reached = json.get("virtualSeconds").asDouble();
        // Stopped at the first look after 1 h: batches of events, far short of the 10 h asked for.
        assertThat(reached).isBetween(3600.0, 3 * 3600.0);
        assertThat(json.get("conservation").get("holds").asBoolean()).isTrue();
        assertThat(run.err()).contains("p2p.flow.json: stopped early (Ctrl-C) at ", " of 10h of virtual time;"
                + " the report covers what ran until then");
        assertThat(run.err()).doesNotContain("\r"); // no progress line where no terminal is
        // Deterministic: stopped by virtual time, the same run stops at the same place.
        assertThat(stoppedAt(3600, "run", flow, "--duration", "10h", "--report", "json").out()).isEqualTo(run.out());
    }

    @Test
    void aStopDuringTheWarmUpReportsWithoutOneAndSaysTheChecksWereNotMade() throws IOException {
        String flow = TestFlows.write(dir, "p2p.flow.json", TestFlows.pointToPoint()).toString();
        CliRun run = stoppedAt(0, "run", flow, "--warm-up", "10h", "--duration", "1h", "--assert", "orders.dropped == 0");

        assertThat(run.exitCode()).isEqualTo(130);
        assertThat(run.out()).contains("Point to point: virtual clock, seed 42").doesNotContain("warm-up");
        assertThat(run.err()).contains("of 11h of virtual time", "the --assert checks were not made");
        assertThat(run.out()).doesNotContain("passed orders.dropped");
    }

    @Test
    void aRunNobodyStopsEndsAsBefore() throws IOException {
        String flow = TestFlows.write(dir, "p2p.flow.json", TestFlows.pointToPoint()).toString();
        CliRun watched = stoppedAt(Double.POSITIVE_INFINITY, "run", flow, "--duration", "10h", "--report", "json");
        assertThat(watched.exitCode()).as(watched.err()).isZero();
        assertThat(watched.out()).isEqualTo(CliRun.of("run", flow, "--duration", "10h", "--report", "json").out());
    }

    @Test
    void theProgressLineSaysTimeReachedRateAndTimeLeft() {
        assertThat(RunProgress.line(2 * 3600 + 5 * 60, 100 * 86_400, 3_420_000, 60))
                .isEqualTo("2h 05m of 100d simulated (0.1%), 3.42 M events/s, about 19h 11m left"
                        + " (Ctrl-C stops with the report so far)");
        assertThat(RunProgress.line(30, 60, 12_345, 2)).startsWith("30s of 1m simulated (50.0%), 12.3 k events/s, about 2s left");
        assertThat(RunProgress.line(0, 60, 0, 0)).contains("0s of 1m simulated (0.0%), 0 events/s, time left not known yet");
        assertThat(RunProgress.duration(59.6)).isEqualTo("1m");
        assertThat(RunProgress.duration(3 * 86_400)).isEqualTo("3d");
        assertThat(RunProgress.duration(-1)).isEqualTo("0s");
    }

    @Test
    void theProgressLineIsRewrittenInPlaceAtMostOnceASecondAndClearedAtTheEnd() {
        Simulation simulation = Simulation.create(TestFlows.pointToPoint(), 42);
        long[] nanos = {0};
        StringWriter text = new StringWriter();
        RunProgress progress = new RunProgress(new PrintWriter(text), 0, 600, 0, () -> nanos[0]);

        simulation.runFor(60);
        nanos[0] = 500_000_000L;
        progress.between(simulation);
        assertThat(text.toString()).isEmpty(); // half a second: too soon

        nanos[0] = 1_000_000_000L;
        progress.between(simulation);
        String first = text.toString();
        assertThat(first).startsWith("\r1m of 10m simulated (10.0%), ")
                .contains(" events/s, about 9s left").doesNotContain("\n");

        simulation.runFor(60);
        nanos[0] = 1_900_000_000L;
        progress.between(simulation);
        assertThat(text.toString()).isEqualTo(first);
        nanos[0] = 2_000_000_000L;
        progress.between(simulation);
        assertThat(text.toString().substring(first.length())).startsWith("\r2m of 10m simulated (20.0%)");

        progress.clear();
        assertThat(text.toString()).endsWith("\r");
        assertThat(text.toString()).doesNotContain("\n");
    }
}
