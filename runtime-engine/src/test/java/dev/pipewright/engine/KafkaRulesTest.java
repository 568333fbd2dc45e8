// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.ConsumerLag;
import dev.pipewright.engine.api.SeriesPoint;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.engine.entity.Murmur2;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import dev.pipewright.model.ScriptedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Apache Kafka profile's rules, each with an answer worked out by hand (docs/brokers.md,
 * "Apache Kafka"): offsets committed before and after a crash, partition assignment, keys, sticky
 * partitioning, order per partition, retry in place and the dead-letter topic, lag.
 */
class KafkaRulesTest extends EngineTest {

    /**
     * Ten records at 0.5 s to topic "t" (one partition), read by one instance taking 1 s each:
     * record k is processed from 0.5 + k to 1.5 + k. The instance crashes at {@code crashAt} and is
     * back 1 s later.
     */
    private static Flow crashing(Consumer.AckMode ackMode, double crashAt) {
        return on(Broker.KAFKA, new FlowBuilder()
                .source("src", "script", script(10, 0.5, i -> null))
                .queue("t")
                .consumer("c", "instances", 1, "prefetch", 1, "processingTime", constant(1000), "ackMode", ackMode,
                        "crashes", List.of(new Consumer.Crash(s(crashAt), 0, s(1))))
                .wire("src", "t").wire("t", "c").build());
    }

    @Test
    void aCrashAfterProcessingPastTheLastAutoCommitReadsThoseRecordsAgain() {
        // Auto commit at 5 s commits the position 5 (records 0-4; record 4 is being processed).
        // At 7.2 s records 0-5 are done and 6 is being processed; the crash sends the group back to
        // offset 5: record 5 is processed twice, record 6 once. 10 records, 11 completions.
        Simulation sim = start(crashing(Consumer.AckMode.AUTO, 7.2));
        sim.runUntil(60);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("c").completed()).isEqualTo(11);
        // Records 5 and 6 are delivered again; only 5 had been processed.
        assertThat(snap.node("t").redelivered()).isEqualTo(2);
        assertThat(snap.node("t").dropped()).isZero();
        assertThat(sim.conservation().produced()).isEqualTo(11);
    }

    @Test
    void aCrashWhileACommittedRecordIsProcessedLosesIt() {
        // At 5.2 s record 4 is being processed and its offset was committed at 5 s: it is lost.
        Simulation sim = start(crashing(Consumer.AckMode.AUTO, 5.2));
        sim.runUntil(60);
        Snapshot snap = sim.snapshot();
        assertThat(snap.node("c").completed()).isEqualTo(9);
        assertThat(snap.node("t").dropped()).isEqualTo(1);
        // The group goes on from offset 5: nothing is delivered twice.
        assertThat(snap.node("t").redelivered()).isZero();
    }

    @Test
    void committingAfterProcessingMakesACrashRepeatNothingAndLoseNothing() {
        for (double crashAt : new double[] {5.2, 7.2}) {
            Simulation sim = start(crashing(Consumer.AckMode.MANUAL, crashAt));
            sim.runUntil(60);
            assertThat(sim.snapshot().node("c").completed()).as("crash at %s", crashAt).isEqualTo(10);
            // Only the record being processed at the crash is delivered again.
            assertThat(sim.snapshot().node("t").redelivered()).isEqualTo(1);
            assertThat(sim.snapshot().node("t").dropped()).isZero();
        }
    }

    @Test
    void aCrashedMembersPartitionWaitsForItsSessionTimeoutThenTheRebalance() {
        // Record k is processed from 0.5 + k to 1.5 + k: at the crash at 7.2 s records 0-5 are done and
        // committed (manual), record 6 is given back. Back at 8.2 s as a new member, it starts a
        // rebalance at once (no member of the assignment is up to wait a heartbeat for), but the
        // coordinator waits for the dead member until its session times out at 7.2 + 6 = 13.2 s; the
        // stop then ends 10 ms later, at 13.21 s, and the member reads record 6 again.
        Simulation sim = start(crashing(Consumer.AckMode.MANUAL, 7.2));
        sim.runUntil(7.3);
        long before = sim.snapshot().node("c").completed();
        assertThat(before).isEqualTo(6);
        sim.runUntil(13.205);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(before);
        assertThat(sim.snapshot().node("c").busy()).isZero();
        sim.runUntil(13.215);
        assertThat(sim.snapshot().node("c").busy()).isEqualTo(1);
    }

    @Test
    void theOtherMembersReadOnWhileACrashedMembersSessionLasts() {
        // 2 partitions, 2 members, keys k0..k39 on both; member 1 crashes for good at 0.05 s. Member 0
        // keeps processing its partition at once (no rebalance yet); member 1's session times out at
        // 6.05 s, and member 0, whose heartbeats run every 2 s from the assignment at 0 s, learns of
        // the rebalance at its heartbeat at 8 s; the stop ends at 8.01 s and member 0 reads both.
        Flow flow = on(Broker.KAFKA, new FlowBuilder()
                .source("src", "script", script(40, 0, i -> "k" + i))
                .queue("t", "partitions", 2)
                .consumer("c", "instances", 2, "prefetch", 0, "processingTime", constant(100), "ackMode",
                        Consumer.AckMode.MANUAL, "crashes", List.of(new Consumer.Crash(s(0.05), 1, null)))
                .wire("src", "t").wire("t", "c").build());
        Simulation sim = start(flow);
        sim.runUntil(0.5);
        assertThat(sim.snapshot().node("c").busy()).isEqualTo(1);
        long atHalf = sim.snapshot().node("c").completed();
        assertThat(atHalf).isPositive();
        sim.runUntil(6.0);
        long mine = sim.snapshot().node("c").completed();
        sim.runUntil(7.99);
        // Member 0's partition is done by now; member 1's waits for the rebalance.
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(mine).isLessThan(40);
        assertThat(sim.snapshot().node("c").busy()).isZero();
        sim.runUntil(8.05);
        assertThat(sim.snapshot().node("c").busy()).isEqualTo(1);
        sim.runUntil(60);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(40);
    }

    @Test
    void membersBeyondThePartitionCountIdle() {
        Flow flow = on(Broker.KAFKA, new FlowBuilder()
                .source("src", "script", script(30, 0, i -> "k" + i))
                .queue("t", "partitions", 3)
                .consumer("c", "instances", 5, "prefetch", 1, "processingTime", constant(1000))
                .wire("src", "t").wire("t", "c").build());
        Simulation sim = start(flow);
        sim.runUntil(0.5);
        assertThat(sim.snapshot().node("c").busy()).isEqualTo(3);
        assertThat(sim.snapshot().node("c").idle()).isEqualTo(2);
    }

    @Test
    void theRangeAssignorGivesTheFirstMembersOneMorePartition() {
        // 5 partitions, 2 members: member 0 owns 0-2, member 1 owns 3-4. With member 1 crashed for
        // good, after the rebalance member 0 owns all five.
        Flow flow = on(Broker.KAFKA, new FlowBuilder()
                .source("src", "script", script(50, 0, i -> "k" + i))
                .queue("t", "partitions", 5)
                .consumer("c", "instances", 2, "prefetch", 0, "processingTime", constant(100), "ackMode",
                        Consumer.AckMode.MANUAL, "crashes", List.of(new Consumer.Crash(s(0.05), 1, null)))
                .wire("src", "t").wire("t", "c").build());
        Simulation sim = start(flow);
        sim.runUntil(0.04);
        assertThat(sim.snapshot().node("c").busy()).isEqualTo(2);
        sim.runUntil(3.04);
        // Member 1's partitions unassigned until its session times out at 6.05 s; member 0 rejoins at
        // its heartbeat at 8 s and owns all five from 8.01 s.
        long done = sim.snapshot().node("c").completed();
        sim.runUntil(60);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(50);
        assertThat(done).isLessThan(50);
    }

    @Test
    void aKeyedRecordGoesToTheMurmur2PartitionOfItsKey() {
        int partitions = 7;
        List<String> keys = List.of("order-1", "order-2", "order-3", "customer-42", "a", "", "ü");
        Flow flow = on(Broker.KAFKA, new FlowBuilder()
                .source("src", "script", keys.stream().filter(k -> !k.isEmpty())
                        .map(k -> new ScriptedMessage(Duration.ZERO, k, k, null, Map.of(), null, null)).toList())
                .queue("t", "partitions", partitions)
                .consumer("c", "processingTime", constant(3_600_000))
                .wire("src", "t").wire("t", "c").build());
        Simulation sim = start(flow);
        sim.runUntil(1);
        long[] expected = new long[partitions];
        for (String k : keys) {
            if (!k.isEmpty()) {
                expected[Murmur2.partition(k.getBytes(StandardCharsets.UTF_8), partitions)]++;
            }
        }
        ConsumerLag lag = sim.snapshot().node("t").lag().getFirst();
        assertThat(lag.group()).isEqualTo("c");
        assertThat(lag.perPartition()).containsExactly(expected);
    }

    @Test
    void recordsWithoutAKeyStickToOnePartitionForABatchOf16KiB() {
        // 1,000-byte records: 17 go to one partition (17,000 >= 16,384 bytes), then another takes over.
        Flow flow = on(Broker.KAFKA, new FlowBuilder()
                .source("src", "rate", 100.0, "arrival", dev.pipewright.model.Source.Arrival.BURSTS, "burstSize", 100,
                        "messageLimit", 100L, "payloadSize", 1000)
                .queue("t", "partitions", 4)
                .consumer("c", "processingTime", constant(3_600_000))
                .wire("src", "t").wire("t", "c").build());
        Simulation sim = start(flow);
        sim.runUntil(2);
        long[] lag = sim.snapshot().node("t").lag().getFirst().perPartition();
        assertThat(Arrays.stream(lag).sum()).isEqualTo(100);
        long[] remainders = Arrays.stream(lag).map(l -> l % 17).sorted().toArray();
        assertThat(remainders).containsExactly(0, 0, 0, 100 % 17);
    }

    @Test
    void orderHoldsWithinAPartitionUnderRetriesAndOnlyThere() {
        List<ScriptedMessage> script = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (String key : List.of("a", "b", "c")) {
                script.add(new ScriptedMessage(Duration.ZERO, key + i, key, null, Map.of(), null, null));
            }
        }
        Flow flow = new FlowBuilder()
                .source("src", "script", script)
                .queue("t", "partitions", 4)
                .consumer("c", "instances", 2, "prefetch", 1, "processingTime", constant(100), "failureRate", 0.3)
                .queue("done")
                .wire("src", "t").wire("t", "c").wire("c", "done").build();
        Simulation kafka = start(on(Broker.KAFKA, flow));
        kafka.runUntil(600);
        List<String> done = kafka.peek("done", 100).stream().map(m -> m.headers().get("id")).toList();
        assertThat(done).hasSize(30);
        for (String key : List.of("a", "b", "c")) {
            assertThat(done.stream().filter(id -> id.startsWith(key)).toList()).isEqualTo(inOrder(key));
        }
        // The generic queue with two competing instances: a failed message goes back while later ones go on.
        Simulation generic = start(flow);
        generic.runUntil(600);
        List<String> unordered = generic.peek("done", 100).stream().map(m -> m.headers().get("id")).toList();
        assertThat(List.of("a", "b", "c")).anyMatch(
                key -> !unordered.stream().filter(id -> id.startsWith(key)).toList().equals(inOrder(key)));
    }

    @Test
    void aPoisonRecordBlocksOnlyItsPartitionUntilTheDeliveryLimitSendsItToTheDeadLetterTopic() {
        // "bad" fails every time and is retried in place; the other partition goes on. After its
        // third delivery it goes to the .DLT topic and the records behind it follow.
        List<ScriptedMessage> script = List.of(
                new ScriptedMessage(Duration.ZERO, "bad", "p", null, Map.of("kind", "poison"), null, null),
                new ScriptedMessage(Duration.ZERO, "after-bad", "p", null, Map.of(), null, null),
                new ScriptedMessage(Duration.ZERO, "other", "q", null, Map.of(), null, null));
        assertThat(Murmur2.partition("p".getBytes(StandardCharsets.UTF_8), 2))
                .isNotEqualTo(Murmur2.partition("q".getBytes(StandardCharsets.UTF_8), 2));
        Flow flow = on(Broker.KAFKA, new FlowBuilder()
                .source("src", "script", script)
                .queue("t", "partitions", 2, "deliveryLimit", 3)
                .dlq("t.DLT")
                .consumer("c", "instances", 2, "prefetch", 1, "processingTime", constant(1000),
                        "failWhen", "header:kind=poison")
                .wire("src", "t").wire("t", "c").wire("t", Port.DEAD_LETTER, "t.DLT").build());
        Simulation sim = start(flow);
        sim.runUntil(2.5);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(1); // "other"
        assertThat(sim.snapshot().node("c").failed()).isEqualTo(2);
        sim.runUntil(3.5);
        assertThat(sim.snapshot().node("t.DLT").ready()).isEqualTo(1);
        assertThat(sim.peek("t.DLT", 1).getFirst().headers().get("id")).isEqualTo("bad");
        sim.runUntil(4.5);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(2); // "after-bad", after the poison
    }

    @Test
    void lagIsWhatWasAppendedMinusWhatWasCommitted() {
        Flow flow = on(Broker.KAFKA, new FlowBuilder()
                .source("src", "script", script(12, 0, i -> "k" + (i % 4)))
                .queue("t", "partitions", 2)
                .consumer("c", "instances", 1, "prefetch", 1, "processingTime", constant(1000),
                        "ackMode", Consumer.AckMode.MANUAL)
                .wire("src", "t").wire("t", "c").build());
        Simulation sim = start(flow);
        for (double t : new double[] {0.5, 3.5, 6.5, 20}) {
            sim.runUntil(t);
            Snapshot snap = sim.snapshot();
            ConsumerLag lag = snap.node("t").lag().getFirst();
            assertThat(lag.total()).as("t=%s", t).isEqualTo(snap.node("t").in() - snap.node("c").completed());
        }
        assertThat(sim.snapshot().node("t").lag().getFirst().total()).isZero();
    }

    @Test
    void autoCommitLagFallsOnlyAtTheFiveSecondCommits() {
        Flow flow = on(Broker.KAFKA, new FlowBuilder()
                .source("src", "script", script(3, 0, i -> null))
                .queue("t")
                .consumer("c", "processingTime", constant(100), "ackMode", Consumer.AckMode.AUTO)
                .wire("src", "t").wire("t", "c").build());
        Simulation sim = start(flow);
        sim.runUntil(4.9);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(3);
        assertThat(sim.snapshot().node("t").lag().getFirst().total()).isEqualTo(3);
        sim.runUntil(5.1);
        assertThat(sim.snapshot().node("t").lag().getFirst().total()).isZero();
    }

    @Test
    void theTopicsTimeSeriesCarriesTheLagTheChartsDraw() {
        // As above: three records read at once, committed only at 5 s. The samples at 1 to 4 s see
        // a lag of 3, those from 6 s on see none; the consumer has no groups, so no lag.
        Flow flow = on(Broker.KAFKA, new FlowBuilder()
                .source("src", "script", script(3, 0, i -> null))
                .queue("t")
                .consumer("c", "processingTime", constant(100), "ackMode", Consumer.AckMode.AUTO)
                .wire("src", "t").wire("t", "c").build());
        Simulation sim = start(flow);
        sim.runUntil(8.5);
        Map<Double, Long> lagAt = new java.util.TreeMap<>();
        for (SeriesPoint p : sim.snapshot().node("t").series()) {
            lagAt.put(p.time(), p.lag());
        }
        assertThat(lagAt).containsEntry(1.0, 3L).containsEntry(4.0, 3L).containsEntry(6.0, 0L).containsEntry(8.0, 0L);
        assertThat(sim.snapshot().node("c").series()).isNotEmpty().noneMatch(SeriesPoint::hasLag);
    }

    @Test
    void eachConsumerNodeIsAGroupThatReadsEveryRecord() {
        Flow flow = on(Broker.KAFKA, new FlowBuilder()
                .source("src", burstAtOne(20))
                .queue("t", "partitions", 3)
                .consumer("billing", "instances", 2)
                .consumer("audit", "instances", 1)
                .wire("src", "t").wire("t", "billing").wire("t", "audit").build());
        Simulation sim = start(flow);
        sim.runUntil(60);
        assertThat(sim.snapshot().node("billing").completed()).isEqualTo(20);
        assertThat(sim.snapshot().node("audit").completed()).isEqualTo(20);
        assertThat(sim.snapshot().node("t").lag()).extracting(ConsumerLag::group).containsExactly("billing", "audit");
    }

    @Test
    void retentionDeletesRecordsNoOneReadInTime() {
        Flow flow = on(Broker.KAFKA, new FlowBuilder()
                .source("src", burstAtOne(5))
                .queue("t", "messageTtl", Duration.ofMinutes(1))
                .wire("src", "t").build());
        Simulation sim = start(flow);
        sim.runUntil(60.5);
        assertThat(sim.snapshot().node("t").ready()).isEqualTo(5);
        sim.runUntil(61.5);
        assertThat(sim.snapshot().node("t").ready()).isZero();
        assertThat(sim.snapshot().node("t").expired()).isEqualTo(5);
    }

    @Test
    void theReportShowsEachGroupsLagPerPartition() throws Exception {
        Flow flow = on(Broker.KAFKA, new FlowBuilder()
                .source("src", "script", script(6, 0, i -> "k" + i))
                .queue("t", "partitions", 3)
                .consumer("c", "processingTime", constant(3_600_000))
                .wire("src", "t").wire("t", "c").build());
        Simulation sim = start(flow);
        sim.runUntil(1);
        long[] lag = sim.snapshot().node("t").lag().getFirst().perPartition();
        var report = dev.pipewright.engine.report.Reports.from(flow, sim.snapshot(), "virtual", 42);
        assertThat(dev.pipewright.engine.report.Reports.text(report))
                .contains("consumer lag: t -> c: 6 (p0 " + lag[0] + ", p1 " + lag[1] + ", p2 " + lag[2] + ")");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                dev.pipewright.engine.report.Reports.json(report));
        var topic = json.get("nodes").get(1);
        assertThat(topic.get("id").asText()).isEqualTo("t");
        assertThat(topic.at("/lag/c/total").asLong()).isEqualTo(6);
        assertThat(topic.at("/lag/c/partitions/1").asLong()).isEqualTo(lag[1]);
    }

    @Test
    void theWorstCaseTopicRunsAndTooManyCursorsAreRefusedInWords() {
        // 10,000 partitions and 10,000 members, the model's limits: every record is read once.
        Flow big = on(Broker.KAFKA, new FlowBuilder()
                .source("src", "rate", 5_000.0, "arrival", dev.pipewright.model.Source.Arrival.CONSTANT,
                        "messageLimit", 20_000L, "routingKeys", List.of("a", "b", "c", "d", "e", "f", "g", "h"))
                .queue("t", "partitions", 10_000)
                .consumer("c", "instances", 10_000, "prefetch", 1, "processingTime", constant(1))
                .wire("src", "t").wire("t", "c").build());
        Simulation sim = start(big);
        sim.runUntil(10);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(20_000);
        assertThat(sim.snapshot().node("t").lag().getFirst().total()).isZero();
        // 10,000 partitions read by 101 consumer nodes: over a million cursors.
        FlowBuilder many = new FlowBuilder().source("src", burstAtOne(1)).queue("t", "partitions", 10_000).wire("src", "t");
        for (int i = 0; i <= 100; i++) {
            many.consumer("c" + i).wire("t", "c" + i);
        }
        Flow tooMany = on(Broker.KAFKA, many.build());
        assertThat(RunChecks.engine(tooMany)).anySatisfy(f -> assertThat(f.message())
                .contains("10,000 partitions read by 101 consumer groups", "at most 1,000,000"));
        assertThat(RunChecks.engine(on(Broker.RABBITMQ, many.build()))).isEmpty();
    }

    private static List<ScriptedMessage> script(int n, double at, java.util.function.IntFunction<String> key) {
        List<ScriptedMessage> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new ScriptedMessage(s(at), "m" + i, key.apply(i), null, Map.of(), null, null));
        }
        return list;
    }

    private static List<String> inOrder(String key) {
        return java.util.stream.IntStream.range(0, 10).mapToObj(i -> key + i).toList();
    }
}
