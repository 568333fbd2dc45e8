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
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The fidelity tests' run and compare: a flow file deployed on the local RabbitMQ (a scratch
 * virtual host, deleted by {@link #close}) or an embedded Artemis, run in the simulator under the
 * same broker's rules, and the two JSON reports compared node figure by figure and by the
 * conservation law, and the order messages were received in, read off the two runs' traces. One a
 * test: it holds that test's scratch virtual hosts.
 */
final class FidelityRuns implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** The conservation law's fields, all compared. */
    static final List<String> LAW = List.of("produced", "completed", "deadLettered", "dropped", "filtered",
            "waiting", "inFlight");

    /** The brokers a scenario runs on unless it says otherwise. */
    static final List<Broker> BOTH = List.of(Broker.RABBITMQ, Broker.ARTEMIS);

    /**
     * The figures compared for every node the brokers count (all but sources and topics: a live
     * run counts a topic's traffic at its queues), where the simulator's node has them.
     */
    static final List<String> FIGURES = List.of("in", "out", "depth", "count", "redelivered", "deadLettered", "expired",
            "dropped", "duplicates");

    private RabbitAdmin admin;
    private String vhost;

    /** Each of {@code scenarios} on each broker {@code brokers} gives it, as a test's arguments (scenario, broker). */
    static <S> Stream<Arguments> onBrokers(List<S> scenarios, Function<S, List<Broker>> brokers) {
        return scenarios.stream().flatMap(s -> brokers.apply(s).stream().map(b -> Arguments.of(s, b)));
    }

    /** Whether the brokers count a node of {@code kind} as the simulator does: all but sources and topics. */
    static boolean brokerCounted(String kind) {
        return !kind.equals("source") && !kind.equals("topic");
    }

    /** The report of {@code file} deployed on {@code broker} and run for {@code duration} (e.g. {@code 60s}). */
    JsonNode deploy(Path file, Broker broker, String duration) throws Exception {
        return MAPPER.readTree(deployRun(file, broker, duration).out());
    }

    /** As {@link #deploy(Path, Broker, String)}, the run's trace written to {@code trace}. */
    JsonNode deploy(Path file, Broker broker, String duration, Path trace) throws Exception {
        return MAPPER.readTree(deployRun(file, broker, duration, "--trace", trace.toString()).out());
    }

    /**
     * The command line's run of {@code file} deployed on {@code broker} (a new scratch virtual host
     * on the local RabbitMQ, or an embedded Artemis) for {@code duration} with a JSON report and
     * the options {@code more}, which must have succeeded.
     */
    CliRun deployRun(Path file, Broker broker, String duration, String... more) throws Exception {
        List<String> deploy = new ArrayList<>(List.of("deploy", file.toString()));
        if (broker == Broker.RABBITMQ) {
            if (admin == null) {
                admin = RabbitAdmin.connectOrSkip();
            }
            vhost = admin.scratchVhost();
            deploy.addAll(List.of("--rabbitmq", "amqp://guest:guest@127.0.0.1:5672/" + RabbitAdmin.segment(vhost)));
        } else {
            deploy.addAll(List.of("--artemis", "embedded"));
        }
        deploy.addAll(List.of("--run", duration, "--report", "json"));
        deploy.addAll(List.of(more));
        CliRun live = CliRun.of(deploy.toArray(String[]::new));
        assertThat(live.exitCode()).as(live.err()).isZero();
        return live;
    }

    /** The scratch virtual host of the last deploy on RabbitMQ, to read what the broker holds. */
    String vhost() {
        return Objects.requireNonNull(vhost, "no deploy on RabbitMQ yet");
    }

    /** The simulator's report of {@code file} under {@code broker}'s rules, run for {@code duration}. */
    static JsonNode simulate(Path file, Broker broker, String duration) throws Exception {
        CliRun simRun = CliRun.of("run", file.toString(), "--broker", broker.word(), "--duration", duration, "--report", "json");
        assertThat(simRun.exitCode()).as(simRun.err()).isZero();
        return MAPPER.readTree(simRun.out());
    }

    /** As {@link #simulate(Path, Broker, String)}, the run's trace written to {@code trace}. */
    static JsonNode simulate(Path file, Broker broker, String duration, Path trace) throws Exception {
        CliRun simRun = CliRun.of("run", file.toString(), "--broker", broker.word(), "--duration", duration, "--report", "json",
                "--trace", trace.toString());
        assertThat(simRun.exitCode()).as(simRun.err()).isZero();
        return MAPPER.readTree(simRun.out());
    }

    /** Each of {@code figures} the simulator reports, the same live, for every node whose kind {@code compared} takes. */
    static void assertSameFigures(JsonNode live, JsonNode sim, List<String> figures, Predicate<String> compared) {
        for (JsonNode simNode : sim.path("nodes")) {
            if (!compared.test(simNode.path("kind").asText())) {
                continue;
            }
            String id = simNode.path("id").asText();
            for (String figure : figures) {
                if (simNode.has(figure)) {
                    assertSameFigure(node(live, id), simNode, id, figure);
                }
            }
        }
    }

    /** Each of {@code figures}, the same live as in the simulator (absent counts as zero), for the nodes {@code ids}. */
    static void assertSameFigures(JsonNode live, JsonNode sim, List<String> figures, List<String> ids) {
        for (String id : ids) {
            for (String figure : figures) {
                assertSameFigure(node(live, id), node(sim, id), id, figure);
            }
        }
    }

    private static void assertSameFigure(JsonNode liveNode, JsonNode simNode, String id, String figure) {
        assertThat(liveNode.path(figure).asLong()).as("%s of %s (live %s, simulator %s)", figure, id, liveNode, simNode)
                .isEqualTo(simNode.path(figure).asLong());
    }

    /** Every field of the conservation law the same live as in the simulator, and the law holding live. */
    static void assertSameLaw(JsonNode live, JsonNode sim) {
        for (String field : LAW) {
            assertThat(live.path("conservation").path(field).asLong()).as("conservation %s: live %s, simulator %s", field,
                    live.path("conservation"), sim.path("conservation"))
                    .isEqualTo(sim.path("conservation").path(field).asLong());
        }
        assertThat(live.path("conservation").path("holds").asBoolean()).as(live.path("conservation").toString()).isTrue();
    }

    /**
     * A message received by a node, from a trace: its source sequence number (null where a
     * simulator's message was not published by a source) and which delivery of it this was.
     */
    record Receipt(String node, Long seq, int delivery) {
    }

    /**
     * The receive events of a trace in the order they happened. A live run's message ids end in
     * {@code -SEQ}; the simulator's are numbered as they were published, which its {@code publish}
     * events tell, so {@code simulator} says which kind of trace it is.
     */
    static List<Receipt> receipts(Path trace, boolean simulator) throws Exception {
        Map<Long, Long> seqOfId = new HashMap<>();
        List<Receipt> out = new ArrayList<>();
        for (String line : Files.readAllLines(trace)) {
            JsonNode e = MAPPER.readTree(line);
            String event = e.path("event").asText();
            if (simulator && event.equals("publish")) {
                seqOfId.put(e.path("message").asLong(), seqOfId.size() + 1L);
            } else if (event.equals("receive")) {
                Long seq = simulator ? seqOfId.get(e.path("message").asLong())
                        : Long.valueOf(e.path("message").asText().replaceFirst("^.*-", ""));
                out.add(new Receipt(e.path("node").asText(), seq, e.path("delivery").asInt()));
            }
        }
        return out;
    }

    /** The source sequence numbers of the messages node {@code nodeId} received, in the order it received them. */
    static List<Long> receivedAt(Path trace, String nodeId, boolean simulator) throws Exception {
        return receipts(trace, simulator).stream().filter(r -> r.node().equals(nodeId)).map(Receipt::seq).toList();
    }

    /**
     * Node {@code nodeId} received the messages in the same order live as in the simulator, by
     * source sequence number: all {@code messages} of them, out of their publish order in the
     * simulator (else the comparison would prove nothing of a reordering).
     */
    static void assertSameOrderAt(String nodeId, Path liveTrace, Path simTrace, int messages) throws Exception {
        List<Long> simOrder = receivedAt(simTrace, nodeId, true);
        assertThat(simOrder).as("the simulator's order").hasSize(messages)
                .isNotEqualTo(LongStream.rangeClosed(1, messages).boxed().toList());
        assertThat(receivedAt(liveTrace, nodeId, false))
                .as("the order '%s' received the messages in, by source sequence number", nodeId).isEqualTo(simOrder);
    }

    /** Deletes the scratch virtual hosts the deploys made, if any. */
    @Override
    public void close() throws java.io.IOException {
        if (admin != null) {
            admin.deleteScratch();
        }
    }
}
