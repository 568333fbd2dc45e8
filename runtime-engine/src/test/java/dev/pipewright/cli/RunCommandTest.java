// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;

    private String flow;

    @BeforeEach
    void writeFlow() throws IOException {
        flow = TestFlows.write(dir, "p2p.flow.json", TestFlows.pointToPoint()).toString();
    }

    @Test
    void textReportIsATablePerNodeWithTheConservationLine() {
        CliRun run = CliRun.of("run", flow, "--duration", "2m");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Point to point: virtual clock, seed 42, 2m of virtual time");
        assertThat(run.out()).containsPattern("Web shop \\(src\\)\\s+source");
        assertThat(run.out()).containsPattern("Orders \\(orders\\)\\s+queue");
        assertThat(run.out()).containsPattern("(?m)^conservation: produced \\d+ = .*\\(holds\\)$");
    }

    @Test
    void jsonReportIsRepeatableForTheSameSeed() throws IOException {
        CliRun first = CliRun.of("run", flow, "--duration", "5m", "--report", "json", "--seed", "7");
        CliRun second = CliRun.of("run", flow, "--duration", "5m", "--report", "json", "--seed", "7");
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).isEqualTo(second.out());
        JsonNode json = new ObjectMapper().readTree(first.out());
        assertThat(json.get("seed").asLong()).isEqualTo(7);
        assertThat(json.get("virtualSeconds").asDouble()).isEqualTo(300.0);
        JsonNode source = json.get("nodes").get(0);
        assertThat(source.get("id").asText()).isEqualTo("src");
        // 20 msg/s Poisson for 300 s: 6000 expected, sd about 77.
        assertThat(source.get("out").asLong()).isBetween(5600L, 6400L);
        assertThat(json.get("conservation").get("holds").asBoolean()).isTrue();
        assertThat(CliRun.of("run", flow, "--duration", "5m", "--report", "json", "--seed", "8").out())
                .isNotEqualTo(first.out());
    }

    @Test
    void assertionsThatHoldExitZeroAndAreListed() {
        CliRun run = CliRun.of("run", flow, "--assert", "orders.dropped == 0", "--assert", "Workers.p99 < 10.1ms",
                "--assert", "src.rate > 15");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("passed orders.dropped == 0 (actual 0)", "passed Workers.p99 < 10.1ms (actual 10ms)");
    }

    @Test
    void failedAssertionExitsThreeAndShowsTheActualValue() {
        CliRun run = CliRun.of("run", flow, "--assert", "src.count == 0");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).containsPattern("FAILED src.count == 0 \\(actual \\d+\\)");
    }

    @Test
    void inJsonModeVerdictsAreInTheDocumentAndOnStandardError() throws IOException {
        CliRun run = CliRun.of("run", flow, "--report", "json", "--assert", "src.count == 0");
        assertThat(run.exitCode()).isEqualTo(3);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("format").asText()).isEqualTo("pipewright-run-report");
        assertThat(json.get("assertions").get(0).get("expression").asText()).isEqualTo("src.count == 0");
        assertThat(json.get("assertions").get(0).get("passed").asBoolean()).isFalse();
        assertThat(json.get("assertions").get(0).get("actual").asLong()).isPositive();
        assertThat(run.err()).contains("FAILED src.count == 0");
    }

    @Test
    void badAssertionExitsTwoWithOneLineBeforeRunning() {
        for (String bad : new String[] {"orders.p99 < 200", "nowhere.count == 0", "orders.speed > 1", "orders"}) {
            CliRun run = CliRun.of("run", flow, "--assert", bad);
            assertThat(run.exitCode()).as(bad).isEqualTo(2);
            assertThat(run.out()).as(bad).isEmpty();
            CheckCommandTest.assertOneCleanLine(run.err(), Path.of(flow));
        }
    }

    @Test
    void flowWithErrorsExitsOneAndListsThem() throws IOException {
        Path broken = TestFlows.write(dir, "broken.flow.json", TestFlows.consumerWithoutQueue());
        CliRun run = CliRun.of("run", broken.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(": error: lonely: ").contains("fix them before running it".replace("them", "it"));
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unreadableFileExitsTwoWithOneLine() throws IOException {
        Path truncated = Files.writeString(dir.resolve("cut.flow.json"), "{\"format\": \"pipewright-flow\", \"nod");
        CliRun run = CliRun.of("run", truncated.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        CheckCommandTest.assertOneCleanLine(run.err(), truncated);
    }

    @Test
    void badOptionsExitTwoWithOneLine() {
        for (String[] args : new String[][] {{"--duration", "5x"}, {"--clock", "sundial"}, {"--speed", "5000"},
                                             {"--seed", "abc"}, {"--report", "xml"}, {"--duration", "0s"}}) {
            String[] all = new String[args.length + 2];
            all[0] = "run";
            all[1] = flow;
            System.arraycopy(args, 0, all, 2, args.length);
            CliRun run = CliRun.of(all);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
            assertThat(run.err()).as(run.err()).doesNotContain("Exception").contains("--help");
        }
    }

    @Test
    void warmUpIsLeftOutOfTheStatistics() throws IOException {
        CliRun run = CliRun.of("run", flow, "--warm-up", "1m", "--duration", "1m", "--report", "json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("warmUpSeconds").asDouble()).isEqualTo(60.0);
        assertThat(json.get("virtualSeconds").asDouble()).isEqualTo(120.0);
        // Only the second minute's messages: about 1200 of the 2400.
        assertThat(json.get("nodes").get(0).get("out").asLong()).isBetween(1000L, 1400L);
    }

    @Test
    void pacedClockRunsTheSameFlowToTheSameVirtualTime() throws IOException {
        CliRun run = CliRun.of("run", flow, "--clock", "paced", "--speed", "100", "--duration", "5s", "--report", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("clock").asText()).isEqualTo("paced");
        assertThat(json.get("virtualSeconds").asDouble()).isEqualTo(5.0);
        assertThat(json.get("conservation").get("holds").asBoolean()).isTrue();
    }

    @Test
    void aQueueNobodyReadsEndsAtTheMessageLimitWithTheReportSoFarAndOneSentence() throws IOException {
        String fast = TestFlows.write(dir, "fast.flow.json", TestFlows.fastSourceNobodyReads()).toString();
        CliRun run = CliRun.of("run", fast, "--duration", "1h", "--max-messages", "1000");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("Firehose: virtual clock").containsPattern("(?m)^conservation: produced 1000 = .*waiting 1000.*\\(holds\\)$");
        assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).contains("fast.flow.json: the run stopped: 1,000 messages were held at once",
                "to allow more, use --max-messages 2000");
    }

    @Test
    void theEventLimitEndsTheRunTheSameWayAndInJsonTheDocumentIsStillWhole() throws IOException {
        CliRun run = CliRun.of("run", flow, "--duration", "1h", "--max-events", "500", "--report", "json",
                "--assert", "orders.dropped == 0");
        assertThat(run.exitCode()).isEqualTo(2);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("events").asLong()).isEqualTo(500);
        assertThat(json.get("virtualSeconds").asDouble()).isLessThan(3600);
        assertThat(json.get("conservation").get("holds").asBoolean()).isTrue();
        assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).contains("processed 500 events", "--max-events 1000", "the --assert checks were not made");
    }

    @Test
    void helpDocumentsTheLimitsAndTheirExitCode() {
        CliRun run = CliRun.of("help", "run");
        assertThat(run.out()).contains("--max-events", "--max-messages", "--max-heap", "default: 5000000", "default: 85%")
                .containsPattern("(?m)^\\s*2\\s+a file, option or assertion could not be used, or the run reached a\\s+limit");
    }

    @Test
    void helpSaysWhatATerminalShowsAndWhatCtrlCDoes() {
        CliRun run = CliRun.of("help", "run");
        assertThat(run.out()).contains("On a terminal, a progress line on stderr", "Ctrl-C stops the run")
                .containsPattern("(?m)^\\s*130\\s+stopped by Ctrl-C, after printing the report so far");
    }

    @Test
    void templatesThatAreNotJsonForSomeMessagesStopTheRunBeforeItStarts() throws IOException {
        for (String template : new String[] {"${oneOf(x,1)}", "${random(-1,1)}0"}) {
            Path file = TestFlows.write(dir, "template.flow.json", TestFlows.withTemplate(template));
            CliRun run = CliRun.of("run", file.toString());
            assertThat(run.exitCode()).as(template).isEqualTo(1);
            assertThat(run.out()).as(template).isEmpty();
            assertThat(run.err()).as(template).contains("template.flow.json: error: src: property 'payloadTemplate': ")
                    .contains("which is not JSON").contains("fix it before running it");
        }
    }

    @Test
    void optionValuesAreRefusedInPlainWordsNamingWhatIsExpected() {
        String[][] cases = {
            {"--seed", "abc", "--seed must be a whole number, e.g. --seed 42 (was 'abc')"},
            {"--seed", "99999999999999999999", "--seed must be a whole number from"},
            {"--duration", "5x", "--duration: '5x' is not a duration; write a number and a unit"},
            {"--duration", "0s", "--duration must be longer than zero, e.g. --duration 10m"},
            {"--speed", "NaN", "--speed must be a number from 0.01 to 1000, e.g. --speed 10 (was 'NaN')"},
            {"--clock", "sundial", "--clock must be virtual or paced (was 'sundial')"},
            {"--report", "xml", "--report must be text or json (was 'xml')"},
            {"--max-messages", "0", "--max-messages must be a whole number from 1 to"},
            {"--max-events", "1.5", "--max-events must be a whole number, e.g. --max-events 2000000000"},
            {"--max-heap", "150%", "--max-heap must be a percentage from 1% to 100%, e.g. --max-heap 95%"},
        };
        for (String[] c : cases) {
            CliRun run = CliRun.of("run", flow, c[0], c[1]);
            assertThat(run.exitCode()).as(c[0] + " " + c[1]).isEqualTo(2);
            assertThat(run.err()).as(c[0] + " " + c[1]).startsWith("pipewright: " + c[2]).doesNotContain("Invalid value", "is not a long", "is not a double");
        }
        assertThat(CliRun.of("run", flow, "--max-events", "1e4", "--max-heap", "90").exitCode()).isZero();
    }

    @Test
    void anAssertionWithANumberTooLargeIsAnUnusableAssertion() {
        CliRun run = CliRun.of("run", flow, "--assert", "orders.count == 1e999");
        assertThat(run.exitCode()).isEqualTo(2);
        CheckCommandTest.assertOneCleanLine(run.err(), Path.of(flow));
        assertThat(run.err()).contains("too large a number");
    }

    @Test
    void aFlowFileBeforeTheCommandIsAnsweredWithTheCommandMeant() {
        CliRun run = CliRun.of("--duration", "1m", flow);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("did you mean: pipewright run --duration 1m " + flow);
        assertThat(CliRun.of(flow, "--assert", "orders.count > 0").err())
                .contains("did you mean: pipewright run " + flow + " --assert 'orders.count > 0'");
    }
}
