// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.model.Broker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One flow file run in the simulator and deployed on a broker (the local RabbitMQ in a scratch
 * virtual host, or an embedded Artemis) from the command line, each with its JSON report and its
 * trace, and the comparisons the fidelity tests of processors and consumers make of them.
 */
final class LiveAgainstSimulator implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The figures compared for every node but sources and topics (a live run counts a topic's traffic at its queues). */
    static final List<String> FIGURES = List.of("in", "out", "depth", "count", "redelivered", "deadLettered", "expired",
            "dropped", "duplicates");
    static final List<String> LAW = List.of("produced", "completed", "deadLettered", "dropped", "filtered", "waiting",
            "inFlight");

    private final Path dir;
    private RabbitAdmin admin;

    LiveAgainstSimulator(Path dir) {
        this.dir = dir;
    }

    /** Deploys {@code file} on {@code broker} for at most {@code duration}: its report, its trace in {@code trace}. */
    JsonNode deploy(Path file, Broker broker, String duration, Path trace) throws Exception {
        List<String> args = new ArrayList<>(List.of("deploy", file.toString()));
        if (broker == Broker.RABBITMQ) {
            admin = RabbitAdmin.connectOrSkip();
            args.addAll(List.of("--rabbitmq", "amqp://guest:guest@127.0.0.1:5672/" + RabbitAdmin.segment(admin.scratchVhost())));
        } else {
            args.addAll(List.of("--artemis", "embedded"));
        }
        args.addAll(List.of("--run", duration, "--report", "json", "--trace", trace.toString()));
        CliRun live = CliRun.of(args.toArray(String[]::new));
        assertThat(live.exitCode()).as(live.err()).isZero();
        return MAPPER.readTree(live.out());
    }

    /** Runs {@code file} in the simulator under {@code broker}'s profile for {@code duration}: its report, its trace in {@code trace}. */
    JsonNode simulate(Path file, Broker broker, String duration, Path trace) throws Exception {
        CliRun sim = CliRun.of("run", file.toString(), "--broker", broker.word(), "--duration", duration, "--report", "json",
                "--trace", trace.toString());
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        return MAPPER.readTree(sim.out());
    }

    /** Asserts the same {@link #FIGURES} for every node but sources and topics, and the same conservation law, which holds. */
    static void assertSameCounts(JsonNode sim, JsonNode live) {
        for (JsonNode simNode : sim.path("nodes")) {
            String id = simNode.path("id").asText();
            String kind = simNode.path("kind").asText();
            if (kind.equals("source") || kind.equals("topic")) {
                continue;
            }
            JsonNode liveNode = node(live, id);
            for (String figure : FIGURES) {
                if (simNode.has(figure)) {
                    assertThat(liveNode.path(figure).asLong()).as("%s of %s (live %s, simulator %s)", figure, id, liveNode,
                            simNode).isEqualTo(simNode.path(figure).asLong());
                }
            }
        }
        for (String field : LAW) {
            assertThat(live.path("conservation").path(field).asLong()).as("conservation %s: live %s, simulator %s", field,
                    live.path("conservation"), sim.path("conservation"))
                    .isEqualTo(sim.path("conservation").path(field).asLong());
        }
        assertThat(live.path("conservation").path("holds").asBoolean()).as(live.path("conservation").toString()).isTrue();
    }

    /**
     * The source sequence numbers of the messages node {@code nodeId} received, in the order it
     * received them, from a trace: a live run's message ids end in {@code -SEQ}; the simulator's
     * are numbered as they were published, which {@code publish} events tell.
     */
    static List<Long> receivedAt(Path trace, String nodeId, boolean simulator) throws Exception {
        Map<Long, Long> seqOfId = new HashMap<>();
        List<Long> out = new ArrayList<>();
        for (String line : Files.readAllLines(trace)) {
            JsonNode e = MAPPER.readTree(line);
            String event = e.path("event").asText();
            if (simulator && event.equals("publish")) {
                seqOfId.put(e.path("message").asLong(), seqOfId.size() + 1L);
            } else if (event.equals("receive") && e.path("node").asText().equals(nodeId)) {
                out.add(simulator ? seqOfId.get(e.path("message").asLong())
                        : Long.parseLong(e.path("message").asText().replaceFirst("^.*-", "")));
            }
        }
        return out;
    }

    /** A fresh file name under the test's directory. */
    Path file(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() throws java.io.IOException {
        if (admin != null) {
            admin.deleteScratch();
        }
    }
}
