// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An aggregator or a resequencer fed straight by a source, which holds its inputs in the source's
 * client (nothing to acknowledge), proven by the brokers: each scenario runs in the simulator and
 * deployed on the local RabbitMQ and on an embedded Artemis, and the reports give the same figures
 * for every queue, processor and consumer and the same conservation law (what the holder still
 * holds at the end in flight, as in the simulator); the resequencer's reader receives the
 * messages in the same order.
 *
 * <p>The source sends twelve messages, one every 10 ms, so all of them have come long before a
 * one-second timeout: what is counted, and the order, do not depend on a live run's timing. The
 * resequencer's numbers are drawn by the payload template, the same draws live as simulated.
 */
class SourceFedHolderFidelityTest {
    @TempDir
    Path dir;

    private final FidelityRuns runs = new FidelityRuns();

    @AfterEach
    void clean() throws Exception {
        runs.close();
    }

    /** A scenario: its name, its flow under a profile, what the simulator completes, the node whose order is compared (null: none). */
    record Scenario(String name, Function<Broker, Flow> flow, long completed, long inFlight, String ordered) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                // 12 = 5 + 5 + 2: two groups complete by size, the last by its timeout; 12 readings and 3 batches complete.
                new Scenario("an aggregator of five whose last group times out", SourceFedHolderFidelityTest::aggregatorTimeout,
                        12 + 3, 0, null),
                // No timeout: the last two readings are still held in the source's client at the end, in flight.
                new Scenario("an aggregator of five still holding two at the end", SourceFedHolderFidelityTest::aggregatorHolding,
                        10 + 2, 2, null),
                new Scenario("a resequencer putting drawn numbers in order", SourceFedHolderFidelityTest::resequencer, 12, 0,
                        "reader"))
                .flatMap(s -> FidelityRuns.BOTH.stream().map(b -> Arguments.of(s, b)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("scenarios")
    void theBrokerAndTheSimulatorCountTheSame(Scenario scenario, Broker broker) throws Exception {
        Path file = TestFlows.write(dir, "scenario.flow.json", scenario.flow().apply(broker));
        Path liveTrace = dir.resolve("live.jsonl");
        Path simTrace = dir.resolve("sim.jsonl");
        JsonNode live = runs.deploy(file, broker, "60s", liveTrace);
        JsonNode sim = FidelityRuns.simulate(file, broker, "60s", simTrace);
        assertThat(sim.path("conservation").path("completed").asLong()).as(sim.path("conservation").toString())
                .isEqualTo(scenario.completed());
        assertThat(sim.path("conservation").path("inFlight").asLong()).as(sim.path("conservation").toString())
                .isEqualTo(scenario.inFlight());
        FidelityRuns.assertSameFigures(live, sim, FidelityRuns.FIGURES, FidelityRuns::brokerCounted);
        FidelityRuns.assertSameLaw(live, sim);
        if (scenario.ordered() != null) {
            FidelityRuns.assertSameOrderAt(scenario.ordered(), liveTrace, simTrace, 12);
        }
    }

    // ---- the scenarios -------------------------------------------------------------------------

    /** Twelve messages, one every 10 ms, with confirms, payload {@code template}. */
    static Node twelve(String template) {
        return Source.of("src", "src", Position.ORIGIN).with("rate", 100.0).with("arrival", Source.Arrival.CONSTANT)
                .with("messageLimit", 12L).with("confirms", true).with("payloadTemplate", template);
    }

    static Node reader(String id) {
        return Consumer.of(id, id, Position.ORIGIN).with("prefetch", 1)
                .with("processingTime", Distribution.constant(Duration.ofMillis(1)));
    }

    static Node aggregator(Duration timeout) {
        // No timeout (null): an incomplete group waits for ever.
        return Processor.of("agg", "agg", Position.ORIGIN).with("variant", Processor.Variant.AGGREGATOR).with("batchSize", 5)
                .with("timeout", timeout);
    }

    /**
     * A resequencer ordering by {@code $.n}, drawn from 1 to 12 (so numbers repeat, and some never
     * come: a repeated number goes straight through, a missing one is given up after a second).
     */
    static Node resequencer() {
        return Processor.of("reseq", "reseq", Position.ORIGIN).with("variant", Processor.Variant.RESEQUENCER)
                .with("expression", "$.n").with("window", 100).with("timeout", Duration.ofSeconds(1));
    }

    /** src -> {@code holder} -> "out" -> {@code readerId}. */
    private static Flow straight(String name, Broker broker, String template, Node holder, String readerId) {
        return new Flow(new FlowInfo(name, "", broker), List.of(twelve(template), holder, Queue.of("out", "out",
                Position.ORIGIN), reader(readerId)),
                List.of(Edge.of("e1", "src", Port.OUT, holder.id()), Edge.of("e2", holder.id(), Port.OUT, "out"),
                        Edge.of("e3", "out", Port.OUT, readerId)));
    }

    static Flow aggregatorTimeout(Broker broker) {
        return straight("Source-fed aggregator", broker, "{\"kwh\": ${seq}}", aggregator(Duration.ofSeconds(1)), "writer");
    }

    static Flow aggregatorHolding(Broker broker) {
        return straight("Source-fed aggregator without timeout", broker, "{\"kwh\": ${seq}}", aggregator(null), "writer");
    }

    static Flow resequencer(Broker broker) {
        return straight("Source-fed resequencer", broker, "{\"n\": ${random(1,12)}}", resequencer(), "reader");
    }
}
