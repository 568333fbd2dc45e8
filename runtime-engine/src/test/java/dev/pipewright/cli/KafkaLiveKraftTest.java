// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.brokers.kafka.KafkaKeys.keyOn;
import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.ScriptedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipewright deploy --kafka} on a real Kafka: an in-process KRaft cluster of one broker and
 * one controller (Kafka 4.3.1's {@code KafkaClusterTestKit}, one for the class), with the group
 * coordinator's initial rebalance delay off so a group's first member reads at once. The sample
 * kafka-orders gives the simulator's figures for every node; a crash before the first auto commit
 * makes the restored member read again what was processed, counted as duplicates, and committing
 * after each record repeats nothing; each partition is read in the order it was written.
 */
class KafkaLiveKraftTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FIGURES = List.of("in", "out", "depth", "count", "redelivered", "deadLettered",
            "expired", "dropped", "duplicates");
    private static final List<String> LAW = List.of("produced", "completed", "deadLettered", "dropped", "waiting", "inFlight");

    private static KafkaClusterTestKit cluster;
    private static Admin admin;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKraft() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(false)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        admin = cluster.admin();
    }

    @AfterAll
    static void stopKraft() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static List<String> runTopics() throws Exception {
        return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(t -> t.startsWith("pw-")).toList();
    }

    private CliRun deploy(Path file, Path trace) {
        CliRun live = CliRun.of("deploy", file.toString(), "--kafka", cluster.bootstrapServers(), "--run", "60s",
                "--report", "json", "--teardown", "--trace", trace.toString());
        assertThat(live.exitCode()).as(live.err()).isZero();
        return live;
    }

    @Test
    void theKafkaOrdersSampleRunsOnKafkaAsInTheSimulatorAndLeavesNothingBehind() throws Exception {
        Path file = Path.of("../samples/flows/kafka-orders.flow.json");
        Path trace = dir.resolve("live.jsonl");
        JsonNode live = MAPPER.readTree(deploy(file, trace).out());
        CliRun simRun = CliRun.of("run", file.toString(), "--duration", "60s", "--report", "json");
        assertThat(simRun.exitCode()).as(simRun.err()).isZero();
        JsonNode sim = MAPPER.readTree(simRun.out());
        for (JsonNode simNode : sim.path("nodes")) {
            String id = simNode.path("id").asText();
            if (simNode.path("kind").asText().equals("source")) {
                continue;
            }
            JsonNode liveNode = node(live, id);
            for (String figure : FIGURES) {
                if (simNode.has(figure)) {
                    assertThat(liveNode.path(figure).asLong()).as("%s of %s (live %s, simulator %s)", figure, id,
                            liveNode, simNode).isEqualTo(simNode.path(figure).asLong());
                }
            }
        }
        for (String field : LAW) {
            assertThat(live.path("conservation").path(field).asLong()).as("conservation %s: live %s, simulator %s",
                    field, live.path("conservation"), sim.path("conservation"))
                    .isEqualTo(sim.path("conservation").path(field).asLong());
        }
        // The lesson's story: eleven orders billed, the corrupt one tried three times, then on orders.DLT.
        assertThat(live.path("conservation").path("completed").asLong()).isEqualTo(11);
        assertThat(live.path("conservation").path("deadLettered").asLong()).isEqualTo(1);
        assertThat(node(live, "orders").path("redelivered").asLong()).isEqualTo(2);
        // Every order committed: the group's lag is zero on each of the three partitions.
        assertThat(node(live, "orders").path("lag").path("billing").path("total").asLong()).isZero();
        // Each customer's orders (one key, so one partition) are received in the order they were sent.
        Map<String, List<Long>> byKey = new TreeMap<>();
        for (String line : Files.readAllLines(trace)) {
            JsonNode e = MAPPER.readTree(line);
            if (e.path("event").asText().equals("receive")) {
                long seq = Long.parseLong(e.path("message").asText().replaceFirst("^.*-", ""));
                byKey.computeIfAbsent("customer-" + ((seq - 1) % 4 + 1), k -> new ArrayList<>()).add(seq);
            }
        }
        assertThat(byKey).hasSize(4);
        byKey.forEach((key, seqs) -> assertThat(seqs).as(key).isSorted());
        // order-6 (customer-2) three times before order-10, which waited for it on its partition.
        assertThat(byKey.get("customer-2")).containsExactly(2L, 6L, 6L, 6L, 10L);
        // --teardown deleted the run's topics and groups.
        assertThat(runTopics()).isEmpty();
        assertThat(admin.listGroups().all().get(30, TimeUnit.SECONDS))
                .noneMatch(g -> g.groupId().startsWith("pw-"));
    }

    /**
     * Forty records at once on one partition, one member taking 100 ms each, crashed at 3.5 s for
     * 1 s: with auto commit (every 5 s from the member's start) it had committed nothing, so its
     * successor reads every record from offset 0 again; committing after each record, it goes on
     * from the record being processed.
     */
    private static Flow crashing(Consumer.AckMode ackMode) {
        Node src = Source.of("src", "src", Position.ORIGIN).with("rate", 100.0).with("arrival", Source.Arrival.CONSTANT)
                .with("messageLimit", 40L);
        Node topic = Queue.of("t", "t", Position.ORIGIN);
        Node member = Consumer.of("c", "c", Position.ORIGIN).with("prefetch", 1).with("ackMode", ackMode)
                .with("processingTime", Distribution.constant(Duration.ofMillis(100)))
                .with("crashes", List.of(new Consumer.Crash(Duration.ofMillis(3500), 0, Duration.ofSeconds(1))));
        return new Flow(new FlowInfo("crash", "", Broker.KAFKA), List.of(src, topic, member),
                List.of(new Edge("e1", "src", Port.OUT, "t", null, Map.of()),
                        new Edge("e2", "t", Port.OUT, "c", null, Map.of())));
    }

    @Test
    void aCrashBeforeTheFirstAutoCommitReadsTheProcessedRecordsAgainAsDuplicates() throws Exception {
        Path file = TestFlows.write(dir, "auto.flow.json", crashing(Consumer.AckMode.AUTO));
        JsonNode live = MAPPER.readTree(deploy(file, dir.resolve("auto.jsonl")).out());
        JsonNode c = node(live, "c");
        // Each record completed once, and what was processed before the crash once more: duplicates.
        assertThat(live.path("conservation").path("completed").asLong()).as(live.toString()).isEqualTo(40);
        assertThat(live.path("conservation").path("holds").asBoolean()).as(live.path("conservation").toString()).isTrue();
        assertThat(c.path("duplicates").asLong()).as(c.toString()).isPositive();
        assertThat(node(live, "t").path("redelivered").asLong()).isGreaterThanOrEqualTo(c.path("duplicates").asLong());
    }

    @Test
    void committingAfterEachRecordMakesTheCrashRepeatNothing() throws Exception {
        Path file = TestFlows.write(dir, "manual.flow.json", crashing(Consumer.AckMode.MANUAL));
        JsonNode live = MAPPER.readTree(deploy(file, dir.resolve("manual.jsonl")).out());
        assertThat(live.path("conservation").path("completed").asLong()).as(live.toString()).isEqualTo(40);
        assertThat(live.path("conservation").path("holds").asBoolean()).isTrue();
        assertThat(node(live, "c").path("duplicates").asLong()).isZero();
        // At most the record being processed at the crash is read again.
        assertThat(node(live, "t").path("redelivered").asLong()).isLessThanOrEqualTo(1);
    }

    /**
     * Two partitions, two members (the range assignor gives member 0 partition 0, member 1 partition
     * 1), committing after each record; member 1 crashes for good at 2.5 s; at 4 s ten records come to
     * each partition, 20 ms each. The run ends at 6 s, before the crashed member's session (6 s,
     * heartbeats every 2 s) can have timed out.
     */
    private static Flow crashedMemberWithTwoPartitions() {
        List<ScriptedMessage> script = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            script.add(new ScriptedMessage(Duration.ofSeconds(4), null, keyOn(0, i), null, Map.of(), null, null));
            script.add(new ScriptedMessage(Duration.ofSeconds(4), null, keyOn(1, i), null, Map.of(), null, null));
        }
        Node src = Source.of("src", "src", Position.ORIGIN).with("script", script);
        Node topic = Queue.of("t", "t", Position.ORIGIN).with("partitions", 2);
        Node members = Consumer.of("c", "c", Position.ORIGIN).with("instances", 2).with("prefetch", 1)
                .with("ackMode", Consumer.AckMode.MANUAL)
                .with("processingTime", Distribution.constant(Duration.ofMillis(20)))
                .with("crashes", List.of(new Consumer.Crash(Duration.ofMillis(2500), 1, null)));
        return new Flow(new FlowInfo("session", "", Broker.KAFKA), List.of(src, topic, members),
                List.of(new Edge("e1", "src", Port.OUT, "t", null, Map.of()),
                        new Edge("e2", "t", Port.OUT, "c", null, Map.of())));
    }

    @Test
    void aCrashedMembersPartitionStaysUnreadUntilItsSessionTimesOutAsInTheSimulator() throws Exception {
        Path file = TestFlows.write(dir, "session.flow.json", crashedMemberWithTwoPartitions());
        CliRun liveRun = CliRun.of("deploy", file.toString(), "--kafka", cluster.bootstrapServers(), "--run", "6s",
                "--report", "json", "--teardown");
        assertThat(liveRun.exitCode()).as(liveRun.err()).isZero();
        JsonNode live = MAPPER.readTree(liveRun.out());
        CliRun simRun = CliRun.of("run", file.toString(), "--duration", "6s", "--report", "json");
        assertThat(simRun.exitCode()).as(simRun.err()).isZero();
        JsonNode sim = MAPPER.readTree(simRun.out());
        // Member 0 read its partition on; the crashed member's ten records wait on partition 1, unassigned:
        // a member that left at once would have handed it to member 0, which would have read all twenty.
        for (JsonNode report : List.of(sim, live)) {
            assertThat(report.path("conservation").path("completed").asLong()).as(report.toString()).isEqualTo(10);
            JsonNode lag = node(report, "t").path("lag").path("c");
            assertThat(lag.path("total").asLong()).as(lag.toString()).isEqualTo(10);
        }
        assertThat(node(live, "t").path("lag").path("c")).isEqualTo(node(sim, "t").path("lag").path("c"));
    }
}
