// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retry with delay, proven by the brokers as {@link BrokerFidelityTest} proves the rest: a
 * dead-letter queue sends each message back to its queue after a delay, at most twice, so every
 * message is dead-lettered three times and then stays; in the simulator under a broker's profile
 * and live on that broker ({@code pipewright deploy}), with the same figures per queue, dead-letter
 * queue and consumer, the same conservation law and the same dead-letter reasons (on RabbitMQ read
 * off the parked messages' {@code x-death}).
 *
 * <p>Nothing waits on the clock: the delay shows in the counts, a message coming back to its queue
 * as often as the retries allow, and the run's end waits for the last one.
 */
class LiveRetryFidelityTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FIGURES = List.of("in", "out", "depth", "count", "redelivered", "deadLettered",
            "expired", "dropped");
    private static final List<String> LAW = List.of("produced", "completed", "deadLettered", "dropped", "waiting", "inFlight");
    private static final Pattern REASON = Pattern.compile("reason=(\\S+)");
    private static final int MESSAGES = 3;
    private static final int RETRIES = 2;

    @TempDir
    Path dir;

    private RabbitAdmin admin;

    @AfterEach
    void clean() throws Exception {
        if (admin != null) {
            admin.deleteScratch();
        }
    }

    /** A scenario: its name, its flow under a profile, the dead-letter reason each dead-lettering gives. */
    record Scenario(String name, Function<Broker, Flow> flow, String reason, List<Broker> brokers) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> scenarios() {
        List<Scenario> all = List.of(
                new Scenario("retry with delay after a reject", b -> retry(b, false), "rejected",
                        List.of(Broker.RABBITMQ, Broker.ARTEMIS)),
                new Scenario("retry with delay after the delivery limit", b -> retry(b, true), "delivery_limit",
                        List.of(Broker.RABBITMQ, Broker.ARTEMIS)));
        return all.stream().flatMap(s -> s.brokers().stream().map(b -> Arguments.of(s, b)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("scenarios")
    void theBrokerAndTheSimulatorRetryTheSame(Scenario scenario, Broker broker) throws Exception {
        Flow flow = scenario.flow().apply(broker);
        Path file = TestFlows.write(dir, "retry.flow.json", flow);
        String vhost = null;
        List<String> deploy = new ArrayList<>(List.of("deploy", file.toString()));
        if (broker == Broker.RABBITMQ) {
            admin = RabbitAdmin.connectOrSkip();
            vhost = admin.scratchVhost();
            deploy.addAll(List.of("--rabbitmq", "amqp://guest:guest@127.0.0.1:5672/" + RabbitAdmin.segment(vhost)));
        } else {
            deploy.addAll(List.of("--artemis", "embedded"));
        }
        deploy.addAll(List.of("--run", "60s", "--report", "json"));
        CliRun live = CliRun.of(deploy.toArray(String[]::new));
        assertThat(live.exitCode()).as(live.err()).isZero();
        assertThat(live.err()).as("the live run carries the retry out: no warning says otherwise").doesNotContain("retries its messages");
        Path trace = dir.resolve("trace.jsonl");
        CliRun sim = CliRun.of("run", file.toString(), "--broker", broker.word(), "--duration", "60s", "--report", "json",
                "--trace", trace.toString());
        assertThat(sim.exitCode()).as(sim.err()).isZero();

        JsonNode l = MAPPER.readTree(live.out());
        JsonNode s = MAPPER.readTree(sim.out());
        // Theory: each message is dead-lettered once, then sent back RETRIES times, and stays after the last.
        assertThat(node(s, "dlq").path("in").asLong()).as("the simulator's dead-letter queue took in").isEqualTo(MESSAGES * (RETRIES + 1L));
        assertThat(node(s, "dlq").path("out").asLong()).as("the simulator's retries").isEqualTo((long) MESSAGES * RETRIES);
        assertThat(node(s, "dlq").path("depth").asLong()).as("the simulator's dead letters at the end").isEqualTo(MESSAGES);
        for (JsonNode simNode : s.path("nodes")) {
            String id = simNode.path("id").asText();
            if (simNode.path("kind").asText().equals("source")) {
                continue;
            }
            JsonNode liveNode = node(l, id);
            for (String figure : FIGURES) {
                if (simNode.has(figure)) {
                    assertThat(liveNode.path(figure).asLong()).as("%s of %s (live %s, simulator %s)", figure, id, liveNode, simNode)
                            .isEqualTo(simNode.path(figure).asLong());
                }
            }
        }
        for (String field : LAW) {
            assertThat(l.path("conservation").path(field).asLong()).as("conservation %s: live %s, simulator %s", field,
                    l.path("conservation"), s.path("conservation")).isEqualTo(s.path("conservation").path(field).asLong());
        }
        assertThat(l.path("conservation").path("holds").asBoolean()).as(l.path("conservation").toString()).isTrue();

        Map<String, Long> simReasons = deadLetterReasons(trace);
        assertThat(simReasons).as("the simulator's dead-letterings by reason")
                .isEqualTo(Map.of(scenario.reason(), MESSAGES * (RETRIES + 1L)));
        if (broker == Broker.RABBITMQ) {
            assertThat(parkedReasons(vhost)).as("the parked messages by their last x-death reason from 'work'")
                    .isEqualTo(Map.of(scenario.reason(), (long) MESSAGES));
        }
    }

    /**
     * Three messages that always fail on queue 'work', dead-lettered (rejected by the consumer, or
     * after the queue's delivery limit of 2 on requeues) to 'work.dlq', which retries after 200 ms
     * at most twice.
     */
    static Flow retry(Broker broker, boolean deliveryLimit) {
        Node source = Source.of("src", "src", Position.ORIGIN).with("rate", 100.0).with("arrival", Source.Arrival.CONSTANT)
                .with("messageLimit", (long) MESSAGES).with("confirms", true);
        Node queue = Queue.of("work", "work", Position.ORIGIN);
        if (deliveryLimit) {
            queue = queue.with("deliveryLimit", 2).with("queueType", broker == Broker.RABBITMQ ? QueueType.QUORUM : QueueType.CLASSIC);
        }
        Node dlq = DeadLetterQueue.of("dlq", "work.dlq", Position.ORIGIN).with("retryAfter", Duration.ofMillis(200))
                .with("maxRetries", RETRIES);
        Node consumer = Consumer.of("worker", "worker", Position.ORIGIN).with("prefetch", 1)
                .with("processingTime", Distribution.constant(Duration.ofMillis(1))).with("failureRate", 1.0)
                .with("onFailure", deliveryLimit ? Consumer.FailureAction.REQUEUE : Consumer.FailureAction.DEAD_LETTER);
        return new Flow(new FlowInfo("Retry with delay", "", broker), List.of(source, queue, dlq, consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "work"), Edge.of("e2", "work", Port.OUT, "worker"),
                Edge.of("e3", "work", Port.DEAD_LETTER, "dlq")));
    }

    /** Dead-letterings by reason in the simulator's trace. */
    private static Map<String, Long> deadLetterReasons(Path trace) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        for (String line : Files.readAllLines(trace)) {
            JsonNode e = MAPPER.readTree(line);
            if (e.path("event").asText().equals("dead-letter")) {
                Matcher m = REASON.matcher(e.path("reason").asText());
                out.merge(m.find() ? m.group(1) : e.path("reason").asText(), 1L, Long::sum);
            }
        }
        return out;
    }

    /** The parked messages of 'work.dlq' by the reason of their latest x-death from queue 'work'. */
    private static Map<String, Long> parkedReasons(String vhost) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = RabbitAdmin.amqp(vhost); Channel ch = c.createChannel()) {
            GetResponse r;
            while ((r = ch.basicGet("work.dlq.parked", true)) != null) {
                Object deaths = r.getProps().getHeaders() == null ? null : r.getProps().getHeaders().get("x-death");
                assertThat(deaths).as("x-death of a parked message").isInstanceOf(List.class);
                for (Object d : (List<?>) deaths) {
                    Map<?, ?> death = (Map<?, ?>) d;
                    if ("work".equals(String.valueOf(death.get("queue")))) {
                        out.merge(String.valueOf(death.get("reason")), 1L, Long::sum);
                        break;
                    }
                }
            }
        }
        return out;
    }
}
