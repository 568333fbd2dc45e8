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
import dev.pipewright.model.Topic;
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
 * A consumer that passes what it finished on to a queue, a topic or a processor, proven by the
 * brokers: each scenario runs in the simulator and deployed on the local RabbitMQ (a scratch
 * virtual host) and on an embedded Artemis, and the reports give the same figures for every
 * queue and consumer (a topic's traffic is counted at the queues bound to it) and the same
 * conservation law.
 *
 * <p>The source sends twelve messages, one every 250 ms, and every consumer takes 1 ms a message:
 * what is counted does not depend on a live run's timing.
 */
class ConsumerOnwardFidelityTest {
    private static final List<String> FIGURES = List.of("in", "out", "depth", "count", "redelivered", "deadLettered",
            "dropped", "duplicates");

    @TempDir
    Path dir;

    private final FidelityRuns runs = new FidelityRuns();

    @AfterEach
    void clean() throws Exception {
        runs.close();
    }

    /** A scenario: its name, its flow, and what the simulator must complete (a check on the scenario). */
    record Scenario(String name, Function<Broker, Flow> flow, long completed, List<Broker> brokers) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Broker> BOTH = FidelityRuns.BOTH;

    static Stream<Arguments> scenarios() {
        return FidelityRuns.onBrokers(List.of(
                new Scenario("the task queue's shape: a front end replying and passing jobs on to workers",
                        ConsumerOnwardFidelityTest::taskQueue, 12 + 12, BOTH),
                new Scenario("a consumer passing on to a fanout topic of two queues", ConsumerOnwardFidelityTest::fanout, 24,
                        BOTH),
                new Scenario("a consumer passing on to a splitter into a queue", ConsumerOnwardFidelityTest::splitter, 12 + 36,
                        BOTH),
                new Scenario("a consumer passing on to a filter that completes nothing itself",
                        ConsumerOnwardFidelityTest::filter, 7, BOTH)), Scenario::brokers);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("scenarios")
    void theBrokerAndTheSimulatorCountTheSame(Scenario scenario, Broker broker) throws Exception {
        Path file = TestFlows.write(dir, "scenario.flow.json", scenario.flow().apply(broker));
        JsonNode live = runs.deploy(file, broker, "60s");
        JsonNode sim = FidelityRuns.simulate(file, broker, "60s");
        assertThat(sim.path("conservation").path("completed").asLong()).as(sim.path("conservation").toString())
                .isEqualTo(scenario.completed());
        // A live run counts a topic's traffic at the queues bound to it, as BrokerFidelityTest compares.
        FidelityRuns.assertSameFigures(live, sim, FIGURES, FidelityRuns::brokerCounted);
        FidelityRuns.assertSameLaw(live, sim);
    }

    // ---- the scenarios -------------------------------------------------------------------------

    private static Node twelve(String replyQueue, String template) {
        Node s = Source.of("src", "src", Position.ORIGIN).with("rate", 4.0).with("arrival", Source.Arrival.CONSTANT)
                .with("messageLimit", 12L).with("confirms", true).with("payloadTemplate", template);
        return replyQueue == null ? s : s.with("replyQueue", replyQueue).with("replyTimeout", Duration.ofSeconds(5));
    }

    private static Node consumer(String id, int instances, boolean replies) {
        return Consumer.of(id, id, Position.ORIGIN).with("instances", instances).with("prefetch", 1)
                .with("processingTime", Distribution.constant(Duration.ofMillis(1))).with("replies", replies);
    }

    /**
     * The task-queue sample's shape: requests into "requests", a front end of two replying on
     * "responses" (which the source reads) and passing each job on to "jobs", read by three workers.
     */
    static Flow taskQueue(Broker broker) {
        return new Flow(new FlowInfo("Task queue shape", "", broker), List.of(twelve("responses", "{\"n\": ${seq}}"),
                Queue.of("requests", "requests", Position.ORIGIN), consumer("front", 2, true),
                Queue.of("responses", "responses", Position.ORIGIN), Queue.of("jobs", "jobs", Position.ORIGIN),
                consumer("workers", 3, false)),
                List.of(Edge.of("e1", "src", Port.OUT, "requests"), Edge.of("e2", "requests", Port.OUT, "front"),
                        Edge.of("e3", "front", Port.OUT, "jobs"), Edge.of("e4", "jobs", Port.OUT, "workers")));
    }

    /** A consumer passing each message on to a fanout topic bound to two queues, each read by a consumer of its own. */
    static Flow fanout(Broker broker) {
        return new Flow(new FlowInfo("Onward fanout", "", broker), List.of(twelve(null, "{\"n\": ${seq}}"),
                Queue.of("in", "in", Position.ORIGIN), consumer("worker", 1, false),
                Topic.of("events", "events", Position.ORIGIN), Queue.of("audit", "audit", Position.ORIGIN),
                Queue.of("billing", "billing", Position.ORIGIN), consumer("auditor", 1, false),
                consumer("biller", 1, false)),
                List.of(Edge.of("e1", "src", Port.OUT, "in"), Edge.of("e2", "in", Port.OUT, "worker"),
                        Edge.of("e3", "worker", Port.OUT, "events"), Edge.of("e4", "events", Port.OUT, "audit"),
                        Edge.of("e5", "events", Port.OUT, "billing"), Edge.of("e6", "audit", Port.OUT, "auditor"),
                        Edge.of("e7", "billing", Port.OUT, "biller")));
    }

    /**
     * A consumer whose one output is a splitter of three items a message into "parts", read by a
     * consumer: the 36 parts complete there, the 12 split messages at the splitter (as the simulator counts).
     */
    static Flow splitter(Broker broker) {
        return throughProcessor(broker, "Onward splitter", "{\"order\": ${seq}, \"items\": [1, 2, ${seq}]}",
                Processor.of("split", "split", Position.ORIGIN).with("variant", Processor.Variant.SPLITTER)
                        .with("expression", "$.items"));
    }

    /** A consumer whose one output is a filter passing {@code $.n > 5} into "parts": 7 complete, 5 filtered. */
    static Flow filter(Broker broker) {
        return throughProcessor(broker, "Onward filter", "{\"n\": ${seq}}", Processor.of("split", "split", Position.ORIGIN)
                .with("variant", Processor.Variant.FILTER).with("expression", "$.n > 5"));
    }

    /** src -> in -> worker -> processor "split" -> parts -> reader. */
    private static Flow throughProcessor(Broker broker, String name, String template, Node processor) {
        return new Flow(new FlowInfo(name, "", broker), List.of(twelve(null, template),
                Queue.of("in", "in", Position.ORIGIN), consumer("worker", 1, false), processor,
                Queue.of("parts", "parts", Position.ORIGIN), consumer("reader", 1, false)),
                List.of(Edge.of("e1", "src", Port.OUT, "in"), Edge.of("e2", "in", Port.OUT, "worker"),
                        Edge.of("e3", "worker", Port.OUT, "split"), Edge.of("e4", "split", Port.OUT, "parts"),
                        Edge.of("e5", "parts", Port.OUT, "reader")));
    }
}
