// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fidelity on Amazon SQS, proven by ElasticMQ: each scenario runs in the simulator under the SQS
 * profile and live on an embedded ElasticMQ ({@code pipewright deploy --sqs embedded}), and the two
 * reports must give the same figures for every queue, dead-letter queue and consumer, and the same
 * conservation law, as {@link BrokerFidelityTest} asks of RabbitMQ and Artemis.
 *
 * <p>Counts must not depend on timing: visibility timeouts are 1 s and processing takes a few
 * milliseconds or, where a timeout is to end while a message is processed, 1.5 s, so each event
 * is half a second or more from the one it races; a receive's latency on ElasticMQ is a few
 * milliseconds.
 */
class SqsFidelityTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FIGURES = List.of("in", "out", "depth", "count", "redelivered", "deadLettered",
            "expired", "dropped");
    private static final List<String> LAW = List.of("produced", "completed", "deadLettered", "dropped", "waiting", "inFlight");

    @TempDir
    Path dir;

    /** The live report and the simulator's, and the live trace's lines. */
    private record Runs(JsonNode live, JsonNode sim, List<String> liveTrace, List<String> simTrace) {
    }

    private Runs both(Flow flow) throws Exception {
        return both(TestFlows.write(dir, "scenario.flow.json", flow));
    }

    private Runs both(Path file) throws Exception {
        Path liveTrace = dir.resolve("live.jsonl");
        CliRun live = CliRun.of("deploy", file.toString(), "--sqs", "embedded", "--run", "60s", "--report", "json",
                "--trace", liveTrace.toString());
        assertThat(live.exitCode()).as(live.err()).isZero();
        Path simTrace = dir.resolve("sim.jsonl");
        CliRun sim = CliRun.of("run", file.toString(), "--broker", "sqs", "--duration", "60s", "--report", "json",
                "--trace", simTrace.toString());
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        return new Runs(MAPPER.readTree(live.out()), MAPPER.readTree(sim.out()), Files.readAllLines(liveTrace),
                Files.readAllLines(simTrace));
    }

    /** Every figure of every queue, dead-letter queue and consumer, and the law, are the same live and simulated. */
    private static void sameCounts(Runs r) {
        sameCounts(r, null);
        for (String field : LAW) {
            assertThat(r.live().path("conservation").path(field).asLong()).as("conservation %s: live %s, simulator %s",
                    field, r.live().path("conservation"), r.sim().path("conservation"))
                    .isEqualTo(r.sim().path("conservation").path(field).asLong());
        }
        assertThat(r.live().path("conservation").path("holds").asBoolean()).as(r.live().path("conservation").toString())
                .isTrue();
    }

    /** Every figure of the nodes {@code ids} (null: every queue, dead-letter queue and consumer) is the same live and simulated. */
    private static void sameCounts(Runs r, List<String> ids) {
        for (JsonNode simNode : r.sim().path("nodes")) {
            String id = simNode.path("id").asText();
            if (simNode.path("kind").asText().equals("source") || ids != null && !ids.contains(id)) {
                continue;
            }
            JsonNode liveNode = node(r.live(), id);
            for (String figure : FIGURES) {
                if (simNode.has(figure)) {
                    assertThat(liveNode.path(figure).asLong()).as("%s of %s (live %s, simulator %s)", figure, id,
                            liveNode, simNode).isEqualTo(simNode.path(figure).asLong());
                }
            }
        }
    }

    private static Flow flow(String name, List<Node> nodes, List<Edge> edges) {
        return new Flow(new FlowInfo(name, "", Broker.SQS), nodes, edges);
    }

    private static Node source(long messages) {
        return Source.of("src", "src", Position.ORIGIN).with("rate", 100.0).with("arrival", Source.Arrival.CONSTANT)
                .with("messageLimit", messages).with("confirms", true);
    }

    private static Node worker(long processingMs) {
        return Consumer.of("worker", "worker", Position.ORIGIN).with("prefetch", 1)
                .with("processingTime", Distribution.constant(Duration.ofMillis(processingMs)));
    }

    @Test
    void aPoisonMessageWithMaxReceiveCountThreeIsReceivedThreeTimesThenRedriven() throws Exception {
        Node queue = Queue.of("work", "work", Position.ORIGIN).with("visibilityTimeout", Duration.ofSeconds(1))
                .with("deliveryLimit", 3);
        Node consumer = worker(1).with("failureRate", 1.0).with("onFailure", Consumer.FailureAction.REQUEUE);
        Runs r = both(flow("Poison", List.of(source(1), queue, DeadLetterQueue.of("dlq", "work-dlq", Position.ORIGIN),
                consumer), List.of(Edge.of("e1", "src", Port.OUT, "work"), Edge.of("e2", "work", Port.OUT, "worker"),
                Edge.of("e3", "work", Port.DEAD_LETTER, "dlq"))));
        sameCounts(r);
        assertThat(node(r.live(), "worker").path("in").asLong()).isEqualTo(3);
        assertThat(node(r.live(), "dlq").path("depth").asLong()).isEqualTo(1);
        assertThat(node(r.live(), "work").path("redelivered").asLong()).isEqualTo(2);
    }

    /**
     * Three messages, one instance of 1 s each, a 2 s visibility timeout; the instance crashes at
     * 0.5 s holding message 1 and is restored at 0.7 s. Message 1 is not deleted and comes back when
     * its timeout ends (about 2 s), after the restored instance took message 2 (0.7 s) and while it
     * processes message 3 (1.7 s to 2.7 s): received twice, the others once, all completed.
     */
    @Test
    void aCrashedInstancesMessageComesBackAfterItsVisibilityTimeout() throws Exception {
        Node queue = Queue.of("work", "work", Position.ORIGIN).with("visibilityTimeout", Duration.ofSeconds(2));
        Node consumer = worker(1000).with("crashes", List.of(new Consumer.Crash(Duration.ofMillis(500), 0,
                Duration.ofMillis(200))));
        Runs r = both(flow("Crash", List.of(source(3), queue, consumer), List.of(Edge.of("e1", "src", Port.OUT, "work"),
                Edge.of("e2", "work", Port.OUT, "worker"))));
        sameCounts(r);
        assertThat(node(r.live(), "work").path("redelivered").asLong()).isEqualTo(1);
        assertThat(r.live().path("conservation").path("completed").asLong()).isEqualTo(3);
    }

    /**
     * Four messages on a FIFO queue whose consumer fails each and dead-letters it (SQS has no
     * reject to a dead-letter queue: live, the consumer sends it to the FIFO dead-letter queue, in
     * its group, and deletes it), as the simulator rejects it to the dead-letter queue.
     */
    @Test
    void aConsumerDeadLettersToAFifoDeadLetterQueue() throws Exception {
        Node queue = Queue.of("work", "work", Position.ORIGIN).with("fifo", true).with("visibilityTimeout", Duration.ofSeconds(1));
        Node consumer = worker(1).with("failureRate", 1.0).with("onFailure", Consumer.FailureAction.DEAD_LETTER);
        Runs r = both(flow("Dead-letter", List.of(source(4), queue, DeadLetterQueue.of("dlq", "work-dlq", Position.ORIGIN)
                .with("fifo", true), consumer), List.of(Edge.of("e1", "src", Port.OUT, "work"),
                Edge.of("e2", "work", Port.OUT, "worker"), Edge.of("e3", "work", Port.DEAD_LETTER, "dlq"))));
        sameCounts(r);
        assertThat(node(r.live(), "dlq").path("depth").asLong()).isEqualTo(4);
    }

    /**
     * Two instances, a 1 s visibility timeout, 1.5 s of processing and maxReceiveCount 2: received at
     * 0 s, visible again at 1 s while still processed and received by the other instance, visible
     * again at 2 s and redriven at its third receive. The queues count the same live and simulated:
     * one message in, received twice, once redelivered, dead-lettered. Where they differ is the
     * consumer's account: the simulator makes a copy of a message that is visible again and counts
     * both processings completed (produced 3, completed 2), while on SQS each late delete carries a
     * stale receipt and deletes nothing (ElasticMQ refuses it), so live the one message produced
     * ends in the dead-letter queue with nothing completed.
     */
    @Test
    void aVisibilityTimeoutShorterThanTheProcessingTimeDeliversTheMessageAgain() throws Exception {
        Node queue = Queue.of("work", "work", Position.ORIGIN).with("visibilityTimeout", Duration.ofSeconds(1))
                .with("deliveryLimit", 2);
        Node consumer = worker(1500).with("instances", 2);
        Runs r = both(flow("Slow", List.of(source(1), queue, DeadLetterQueue.of("dlq", "work-dlq", Position.ORIGIN),
                consumer), List.of(Edge.of("e1", "src", Port.OUT, "work"), Edge.of("e2", "work", Port.OUT, "worker"),
                Edge.of("e3", "work", Port.DEAD_LETTER, "dlq"))));
        sameCounts(r, List.of("work", "dlq"));
        assertThat(node(r.live(), "work").path("redelivered").asLong()).isEqualTo(1);
        assertThat(node(r.live(), "worker").path("in").asLong()).isEqualTo(node(r.sim(), "worker").path("in").asLong())
                .isEqualTo(2);
        assertThat(r.sim().path("conservation").path("produced").asLong()).isEqualTo(3);
        assertThat(r.sim().path("conservation").path("completed").asLong()).isEqualTo(2);
        JsonNode law = r.live().path("conservation");
        assertThat(List.of(law.path("produced").asLong(), law.path("completed").asLong(), law.path("deadLettered").asLong()))
                .as(law.toString()).containsExactly(1L, 0L, 1L);
        assertThat(law.path("holds").asBoolean()).isTrue();
    }

    /**
     * One instance, a 1 s visibility timeout and 1.5 s of processing: received at 0 s, visible
     * again at 1 s with nobody free to receive it, and deleted at 1.5 s with the receipt of its only
     * receive, still the latest, so it is gone: processed once, live and simulated alike.
     */
    @Test
    void aLateDeleteDeletesTheMessageNobodyReceivedAgain() throws Exception {
        Node queue = Queue.of("work", "work", Position.ORIGIN).with("visibilityTimeout", Duration.ofSeconds(1));
        Runs r = both(flow("Late delete", List.of(source(1), queue, worker(1500)), List.of(
                Edge.of("e1", "src", Port.OUT, "work"), Edge.of("e2", "work", Port.OUT, "worker"))));
        sameCounts(r, List.of("work", "worker"));
        assertThat(node(r.live(), "worker").path("out").asLong()).isEqualTo(1);
        assertThat(r.live().path("conservation").path("completed").asLong()).isEqualTo(1);
        assertThat(r.sim().path("conservation").path("completed").asLong()).isEqualTo(1);
    }

    /**
     * A FIFO queue with two message groups, five messages each sent in turn, every first attempt
     * failing: a group's next message waits until the failed one is received again after its 1 s
     * visibility timeout and deleted, so each group is received in order, each message twice,
     * though two instances take from the queue. The order across groups depends on timing and is
     * not compared; within each group it is the same live and simulated.
     */
    @Test
    void aFifoQueueReceivesEachGroupInOrderUnderRetries() throws Exception {
        List<ScriptedMessage> script = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String group = i % 2 == 0 ? "a" : "b";
            script.add(new ScriptedMessage(Duration.ofMillis(50L * i), group + (i / 2), null, null,
                    Map.of("MessageGroupId", group), null, null));
        }
        Node src = Source.of("src", "src", Position.ORIGIN).with("script", script).with("confirms", true);
        Node queue = Queue.of("orders", "orders", Position.ORIGIN).with("fifo", true)
                .with("visibilityTimeout", Duration.ofSeconds(1));
        Node consumer = worker(5).with("instances", 2).with("failFirstAttempts", 1)
                .with("onFailure", Consumer.FailureAction.REQUEUE);
        Runs r = both(flow("FIFO groups", List.of(src, queue, consumer), List.of(Edge.of("e1", "src", Port.OUT, "orders"),
                Edge.of("e2", "orders", Port.OUT, "worker"))));
        sameCounts(r);
        assertThat(node(r.live(), "worker").path("in").asLong()).isEqualTo(20);
        assertThat(r.live().path("conservation").path("completed").asLong()).isEqualTo(10);
        Map<String, List<String>> live = receivedByGroup(r.liveTrace(), false);
        List<String> a = List.of("1@1", "1@2", "3@1", "3@2", "5@1", "5@2", "7@1", "7@2", "9@1", "9@2");
        assertThat(live).as("received in order within each group, as SEQ@DELIVERY").containsEntry("a", a)
                .containsEntry("b", a.stream().map(d -> (Integer.parseInt(d.substring(0, 1)) + 1) + d.substring(1)).toList());
        assertThat(receivedByGroup(r.simTrace(), true)).isEqualTo(live);
    }

    /**
     * The sample {@code sqs-work-queue} as its lesson tells it (a corrupt image received three times
     * 10 s apart and redriven, the nine others completed) gives the simulator's figures and law on
     * ElasticMQ.
     */
    @Test
    void theSqsWorkQueueSampleRunsOnElasticMqAsInTheSimulator() throws Exception {
        Runs r = both(Path.of("../samples/flows/sqs-work-queue.flow.json"));
        sameCounts(r);
        assertThat(r.live().path("conservation").path("completed").asLong()).isEqualTo(9);
        assertThat(r.live().path("conservation").path("deadLettered").asLong()).isEqualTo(1);
    }

    /**
     * Each group's receives in order, as {@code SEQ@DELIVERY} (odd sequence numbers are group a):
     * a simulator's trace names messages by engine id, which the source's publish events map to
     * their sequence numbers, a live trace by {@code SOURCE-SEQ}.
     */
    private static Map<String, List<String>> receivedByGroup(List<String> trace, boolean simulator) throws Exception {
        Map<Long, Long> seqOfId = new java.util.HashMap<>();
        Map<String, List<String>> out = new TreeMap<>();
        for (String line : trace) {
            JsonNode e = MAPPER.readTree(line);
            String event = e.path("event").asText();
            if (simulator && event.equals("publish")) {
                seqOfId.put(e.path("message").asLong(), seqOfId.size() + 1L);
            } else if (event.equals("receive")) {
                long seq = simulator ? seqOfId.get(e.path("message").asLong())
                        : Long.parseLong(e.path("message").asText().replaceFirst("^.*-", ""));
                out.computeIfAbsent(seq % 2 == 1 ? "a" : "b", k -> new ArrayList<>()).add(seq + "@" + e.path("delivery").asInt());
            }
        }
        return out;
    }
}
