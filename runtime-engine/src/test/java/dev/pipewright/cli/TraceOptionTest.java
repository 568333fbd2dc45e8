// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceOptionTest {
    @TempDir
    Path dir;

    private String flow;

    @BeforeEach
    void writeFlow() throws IOException {
        flow = TestFlows.write(dir, "p2p.flow.json", TestFlows.pointToPoint()).toString();
    }

    @Test
    void traceHasEveryMessageFromPublishToCompleteAndLeavesTheReportAsItWas() throws IOException {
        Path trace = dir.resolve("trace.jsonl");
        CliRun plain = CliRun.of("run", flow, "--duration", "30s");
        CliRun traced = CliRun.of("run", flow, "--duration", "30s", "--trace", trace.toString());
        assertThat(traced.exitCode()).as(traced.err()).isZero();
        assertThat(traced.out()).isEqualTo(plain.out());
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(trace)) {
            events.add(mapper.readTree(line));
        }
        assertThat(events).isNotEmpty();
        JsonNode first = events.getFirst();
        assertThat(first.fieldNames()).toIterable().containsExactly("t", "event", "node", "message", "delivery", "reason");
        assertThat(first.get("event").asText()).isEqualTo("publish");
        assertThat(first.get("node").asText()).isEqualTo("src");
        long published = events.stream().filter(e -> e.get("event").asText().equals("publish")).count();
        long ids = events.stream().map(e -> e.get("message").asLong()).distinct().count();
        // Every message, not one in 64.
        assertThat(ids).isEqualTo(published).isGreaterThan(64);
        assertThat(events).extracting(e -> e.get("event").asText()).contains("enqueue", "deliver", "ack", "complete");
        assertThat(events).extracting(e -> e.get("t").asDouble()).isSorted();
    }

    @Test
    void theTraceStopsAtItsLimitAndSaysSo() throws IOException {
        Path trace = dir.resolve("trace.jsonl");
        CliRun run = CliRun.of("run", flow, "--duration", "30s", "--trace", trace.toString(), "--trace-limit", "50");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(trace)).hasSize(50);
        assertThat(run.err()).contains("the trace stopped after 50 events (--trace-limit)");
    }

    @Test
    void anUnwritableTraceFileIsAUsageErrorNamingIt() {
        String where = dir.resolve("no-such-folder").resolve("trace.jsonl").toString();
        CliRun run = CliRun.of("run", flow, "--trace", where);
        assertThat(run.exitCode()).isEqualTo(PipewrightCli.EXIT_UNUSABLE_INPUT);
        assertThat(run.err()).contains(where, "its folder does not exist");
    }
}
