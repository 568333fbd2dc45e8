// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.model.Broker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The fidelity tests' run and compare: a flow file deployed on the local RabbitMQ (a scratch
 * virtual host, deleted by {@link #close}) or an embedded Artemis, run in the simulator under the
 * same broker's rules, and the two JSON reports compared node figure by figure and by the
 * conservation law. One a test: it holds that test's scratch virtual host.
 */
final class FidelityRuns implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** The conservation law's fields, all compared. */
    static final List<String> LAW = List.of("produced", "completed", "deadLettered", "dropped", "filtered",
            "waiting", "inFlight");

    /** The brokers a scenario runs on unless it says otherwise. */
    static final List<Broker> BOTH = List.of(Broker.RABBITMQ, Broker.ARTEMIS);

    private RabbitAdmin admin;

    /** Each of {@code scenarios} on each broker {@code brokers} gives it, as a test's arguments (scenario, broker). */
    static <S> Stream<Arguments> onBrokers(List<S> scenarios, Function<S, List<Broker>> brokers) {
        return scenarios.stream().flatMap(s -> brokers.apply(s).stream().map(b -> Arguments.of(s, b)));
    }

    /** The report of {@code file} deployed on {@code broker} and run for {@code duration} (e.g. {@code 60s}). */
    JsonNode deploy(Path file, Broker broker, String duration) throws Exception {
        List<String> deploy = new ArrayList<>(List.of("deploy", file.toString()));
        if (broker == Broker.RABBITMQ) {
            admin = RabbitAdmin.connectOrSkip();
            deploy.addAll(List.of("--rabbitmq", "amqp://guest:guest@127.0.0.1:5672/" + RabbitAdmin.segment(admin.scratchVhost())));
        } else {
            deploy.addAll(List.of("--artemis", "embedded"));
        }
        deploy.addAll(List.of("--run", duration, "--report", "json"));
        CliRun live = CliRun.of(deploy.toArray(String[]::new));
        assertThat(live.exitCode()).as(live.err()).isZero();
        return MAPPER.readTree(live.out());
    }

    /** The simulator's report of {@code file} under {@code broker}'s rules, run for {@code duration}. */
    static JsonNode simulate(Path file, Broker broker, String duration) throws Exception {
        CliRun simRun = CliRun.of("run", file.toString(), "--broker", broker.word(), "--duration", duration, "--report", "json");
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

    /** Deletes the scratch virtual host, if a deploy made one. */
    @Override
    public void close() throws java.io.IOException {
        if (admin != null) {
            admin.deleteScratch();
        }
    }
}
