// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Source;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Endpoints live, proven by the brokers: each scenario (an endpoint handling two at a time, a
 * down window whose messages fail over to a secondary, a down window with no failover, a
 * secondary that goes down too, a consumer passing its messages to a down endpoint) runs in the
 * simulator and deployed on the local RabbitMQ (a scratch virtual host) and on an embedded
 * Artemis, and the reports give the same figures for every endpoint and the same conservation law.
 *
 * <p>The source sends twelve messages, one every 250 ms; the down windows start and end halfway
 * between two of them (1.125 s to 2.125 s from the start: the messages at 1.25, 1.5, 1.75 and 2 s
 * fall in it), so a live run's scheduling jitter of up to 125 ms changes nothing counted.
 */
class EndpointFidelityTest {
    private static final List<String> FIGURES = List.of("count", "in", "out", "depth", "dropped", "duplicates");
    private static final Endpoint.DownWindow WINDOW = new Endpoint.DownWindow(Duration.ofMillis(1125),
            Duration.ofMillis(2125));

    @TempDir
    Path dir;

    private final FidelityRuns runs = new FidelityRuns();

    @AfterEach
    void clean() throws Exception {
        runs.close();
    }

    /** A scenario: its name, its flow under a profile, and what the simulator must count (a check on the scenario). */
    record Scenario(String name, Function<Broker, Flow> flow, long completed, long dropped, List<Broker> brokers) {
        Scenario(String name, Function<Broker, Flow> flow, long completed, long dropped) {
            this(name, flow, completed, dropped, FidelityRuns.BOTH);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> scenarios() {
        List<Scenario> all = List.of(
                new Scenario("an endpoint handling two at a time", EndpointFidelityTest::twoAtATime, 12, 0),
                new Scenario("a down window failing over to a secondary", EndpointFidelityTest::failover, 12, 0),
                new Scenario("a down window with no failover", EndpointFidelityTest::noFailover, 8, 4),
                new Scenario("a secondary that goes down too", EndpointFidelityTest::bothDown, 10, 2),
                new Scenario("a consumer passing its messages to a down endpoint with a failover",
                        EndpointFidelityTest::consumerFed, 12, 0));
        return FidelityRuns.onBrokers(all, Scenario::brokers);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("scenarios")
    void theBrokerAndTheSimulatorCountTheSame(Scenario scenario, Broker broker) throws Exception {
        Flow flow = scenario.flow().apply(broker);
        Path file = TestFlows.write(dir, "scenario.flow.json", flow);
        JsonNode live = runs.deploy(file, broker, "60s");
        JsonNode sim = FidelityRuns.simulate(file, broker, "60s");
        assertThat(sim.path("conservation").path("completed").asLong()).as(sim.path("conservation").toString())
                .isEqualTo(scenario.completed());
        assertThat(sim.path("conservation").path("dropped").asLong()).as(sim.path("conservation").toString())
                .isEqualTo(scenario.dropped());
        FidelityRuns.assertSameFigures(live, sim, FIGURES, kind -> kind.equals("endpoint"));
        FidelityRuns.assertSameLaw(live, sim);
    }

    // ---- the scenarios -------------------------------------------------------------------------

    /** Twelve messages, one every 250 ms, with confirms, wired straight to endpoint "crm". */
    private static Node source() {
        return Source.of("src", "src", Position.ORIGIN).with("rate", 4.0).with("arrival", Source.Arrival.CONSTANT)
                .with("messageLimit", 12L).with("confirms", true);
    }

    private static Endpoint endpoint(String id, int concurrency, long millis, List<Endpoint.DownWindow> down) {
        return new Endpoint(id, id, Position.ORIGIN, concurrency, Distribution.constant(Duration.ofMillis(millis)), down);
    }

    private static Flow flow(String name, Broker broker, List<Node> endpoints, List<Edge> failovers) {
        List<Node> nodes = new ArrayList<>(List.of(source()));
        nodes.addAll(endpoints);
        List<Edge> edges = new ArrayList<>(List.of(Edge.of("e-crm", "src", Port.OUT, "crm")));
        edges.addAll(failovers);
        return new Flow(new FlowInfo(name, "", broker), nodes, edges);
    }

    /** An endpoint of concurrency 2 taking 400 ms a message, more than the gap: messages wait in its line; all twelve complete. */
    static Flow twoAtATime(Broker broker) {
        return flow("Two at a time", broker, List.of(endpoint("crm", 2, 400, List.of())), List.of());
    }

    /** Down from 1.125 s to 2.125 s: its four messages fail over to "backup"; eight complete at "crm", four at "backup". */
    static Flow failover(Broker broker) {
        return flow("Failover", broker, List.of(endpoint("crm", 4, 20, List.of(WINDOW)), endpoint("backup", 4, 20, List.of())),
                List.of(Edge.of("f", "crm", Port.FAILOVER, "backup")));
    }

    /** Down from 1.125 s to 2.125 s with no failover: its four messages are dropped at "crm". */
    static Flow noFailover(Broker broker) {
        return flow("No failover", broker, List.of(endpoint("crm", 4, 20, List.of(WINDOW))), List.of());
    }

    /** The source into queue "in", read by consumer "worker" (1 ms a message) whose one output is "crm", down and failing over as in {@link #failover}. */
    static Flow consumerFed(Broker broker) {
        Flow f = failover(broker);
        List<Node> nodes = new ArrayList<>(f.nodes());
        nodes.add(dev.pipewright.model.Queue.of("in", "in", Position.ORIGIN));
        nodes.add(dev.pipewright.model.Consumer.of("worker", "worker", Position.ORIGIN).with("prefetch", 1)
                .with("processingTime", Distribution.constant(Duration.ofMillis(1))));
        List<Edge> edges = new ArrayList<>(f.edges().stream().filter(e -> !e.id().equals("e-crm")).toList());
        edges.add(Edge.of("e-in", "src", Port.OUT, "in"));
        edges.add(Edge.of("e-worker", "in", Port.OUT, "worker"));
        edges.add(Edge.of("e-crm", "worker", Port.OUT, "crm"));
        return new Flow(f.info(), nodes, edges);
    }

    /** "backup" is down too from 1.625 s: it takes two of the four, the messages at 1.75 and 2 s are dropped at "crm". */
    static Flow bothDown(Broker broker) {
        Endpoint.DownWindow later = new Endpoint.DownWindow(Duration.ofMillis(1625), Duration.ofMillis(2625));
        return flow("Both down", broker, List.of(endpoint("crm", 4, 20, List.of(WINDOW)),
                endpoint("backup", 4, 20, List.of(later))), List.of(Edge.of("f", "crm", Port.FAILOVER, "backup")));
    }
}
