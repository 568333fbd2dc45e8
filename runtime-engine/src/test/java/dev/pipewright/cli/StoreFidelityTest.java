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
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.ScriptedMessage;
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
 * Message stores live, proven by the brokers: source -> store -> endpoint that is down for a
 * while, run in the simulator and deployed on the local RabbitMQ (a scratch virtual host) and on
 * an embedded Artemis; the reports give the same figures for the store and the endpoint and the
 * same conservation law. Scenarios: a store retrying until the endpoint is back, one giving
 * messages up after two attempts, and one that stops forwarding after its first give-up.
 *
 * <p>The source's script sends twelve messages, at 0.25 s, 0.5 s, ... 3 s. The endpoint is down from 1.125 s to
 * 2.625 s (the messages at 1.25 to 2.5 s fall in it). Every attempt whose outcome is counted
 * falls at least 125 ms from a window's edge, so a live run's jitter of up to 125 ms changes
 * nothing counted; how many attempts were refused is not compared (it moves with that jitter
 * when the retry interval is short).
 */
class StoreFidelityTest {
    private static final List<String> FIGURES = List.of("count", "in", "out", "depth", "dropped");
    private static final Endpoint.DownWindow WINDOW = new Endpoint.DownWindow(Duration.ofMillis(1125),
            Duration.ofMillis(2625));

    @TempDir
    Path dir;

    private final FidelityRuns runs = new FidelityRuns();

    @AfterEach
    void clean() throws Exception {
        runs.close();
    }

    /** A scenario: its name, its flow under a profile, and what the simulator must count (a check on the scenario). */
    record Scenario(String name, Function<Broker, Flow> flow, long completed, long dropped, long waiting) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> scenarios() {
        List<Scenario> all = List.of(
                new Scenario("a store retrying until the endpoint is back", StoreFidelityTest::untilBack, 12, 0, 0),
                new Scenario("a store giving up after two attempts", StoreFidelityTest::givesUp, 10, 2, 0),
                new Scenario("a store deactivated by its first give-up", StoreFidelityTest::deactivates, 4, 1, 7));
        return FidelityRuns.onBrokers(all, s -> FidelityRuns.BOTH);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("scenarios")
    void theBrokerAndTheSimulatorCountTheSame(Scenario scenario, Broker broker) throws Exception {
        Flow flow = scenario.flow().apply(broker);
        Path file = TestFlows.write(dir, "scenario.flow.json", flow);
        JsonNode sim = FidelityRuns.simulate(file, broker, "60s");
        JsonNode law = sim.path("conservation");
        assertThat(List.of(law.path("completed").asLong(), law.path("dropped").asLong(), law.path("waiting").asLong()))
                .as(law.toString()).containsExactly(scenario.completed(), scenario.dropped(), scenario.waiting());
        JsonNode live = runs.deploy(file, broker, "60s");
        FidelityRuns.assertSameFigures(live, sim, FIGURES, List.of("store", "crm"));
        FidelityRuns.assertSameLaw(live, sim);
    }

    // ---- the scenarios -------------------------------------------------------------------------

    /** Twelve messages, at 0.25 s to 3 s, with confirms, into "store", which forwards to "crm" (4 at a time, 20 ms each, down in {@link #WINDOW}). */
    private static Flow flow(String name, Broker broker, MessageStore store) {
        // A script, not a rate: a live source sends its first message at once, the simulator's one gap in.
        List<ScriptedMessage> script = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            script.add(ScriptedMessage.at(Duration.ofMillis(250L * i), "m" + i));
        }
        Node src = Source.of("src", "src", Position.ORIGIN).with("script", script).with("confirms", true);
        Endpoint crm = new Endpoint("crm", "crm", Position.ORIGIN, 4, Distribution.constant(Duration.ofMillis(20)),
                List.of(WINDOW));
        return new Flow(new FlowInfo(name, "", broker), List.of(src, store, crm),
                List.of(Edge.of("e-store", "src", Port.OUT, "store"), Edge.of("e-crm", "store", Port.OUT, "crm")));
    }

    private static MessageStore store(long retryMillis, Integer maxAttempts, boolean deactivate) {
        return new MessageStore("store", "store", Position.ORIGIN, Duration.ofMillis(retryMillis), maxAttempts, deactivate,
                Distribution.constant(Duration.ofMillis(1)));
    }

    /** Retrying every 200 ms with no limit: the six messages of the window wait and all twelve complete. */
    static Flow untilBack(Broker broker) {
        return flow("Until back", broker, store(200, null, false));
    }

    /**
     * Retrying every 500 ms, two attempts: the message at 1.25 s is refused at 1.25 and 1.75 s and
     * given up, the one at 1.5 s at 1.75 and 2.25 s; the next is tried at 2.25 s (refused) and 2.75 s,
     * when the endpoint is back, and all after it follow: ten complete, two dropped at the store.
     */
    static Flow givesUp(Broker broker) {
        return flow("Gives up", broker, store(500, 2, false));
    }

    /** As {@link #givesUp}, deactivated by the first give-up at 1.75 s: four completed, one dropped, the last seven wait in the store. */
    static Flow deactivates(Broker broker) {
        return flow("Deactivates", broker, store(500, 2, true));
    }
}
