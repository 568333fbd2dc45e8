// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.entity.Murmur2;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.ScriptedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When the Kafka profile's eager rebalance happens and how long it stops a group (docs/brokers.md,
 * "Apache Kafka", rebalance): the members read on until their next heartbeat (every 2 s from the
 * group's last assignment, a live run's {@code heartbeat.interval.ms}), then the group stops for
 * 10 ms (the JoinGroup and SyncGroup round trips measured on KRaft); a crash waits for the 6 s
 * session first; a member joining a group whose members all went waits the broker's 3 s
 * {@code group.initial.rebalance.delay.ms}. Every figure below is worked out by hand.
 *
 * <p>The flows: two partitions, records written at 0.05 s, each member taking 100 ms a record and
 * holding one at a time ({@code prefetch} 1), so a member reading from 0.05 s finishes its k-th
 * record (from 0) at 0.15 + 0.1 k s.
 */
class KafkaRebalanceTimingTest extends EngineTest {

    /** The {@code n}-th key (from 0) that murmur2 puts on partition {@code p} of two. */
    private static String keyOn(int p, int n) {
        int found = 0;
        for (int i = 0; ; i++) {
            String key = "key-" + i;
            if (Murmur2.partition(key.getBytes(StandardCharsets.UTF_8), 2) == p && found++ == n) {
                return key;
            }
        }
    }

    private static Flow twoPartitions(int onFirst, int onSecond, int instances, Consumer.AckMode ackMode,
                                      List<Consumer.Crash> crashes) {
        List<ScriptedMessage> script = new ArrayList<>();
        for (int i = 0; i < onFirst; i++) {
            script.add(new ScriptedMessage(Duration.ofMillis(50), null, keyOn(0, i), null, Map.of(), null, null));
        }
        for (int i = 0; i < onSecond; i++) {
            script.add(new ScriptedMessage(Duration.ofMillis(50), null, keyOn(1, i), null, Map.of(), null, null));
        }
        return on(Broker.KAFKA, new FlowBuilder()
                .source("src", "script", script)
                .queue("t", "partitions", 2)
                .consumer("c", "instances", instances, "prefetch", 1, "processingTime", constant(100), "ackMode",
                        ackMode, "crashes", crashes)
                .wire("src", "t").wire("t", "c").build());
    }

    private static long lag(Simulation sim, int partition) {
        return sim.snapshot().node("t").lag().getFirst().perPartition()[partition];
    }

    /**
     * Runs {@code sim} through a rebalance whose 10 ms stop starts at {@code stop} s with no member
     * busy: 10 ms before it {@code completed} records done and none busy, none in the stop, and one
     * member reading just after it.
     */
    private static void assertIdleThroughTheStopAt(Simulation sim, double stop, long completed) {
        sim.runUntil(stop - 0.01);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(completed);
        assertThat(sim.snapshot().node("c").busy()).isZero();
        sim.runUntil(stop + 0.005);
        assertThat(sim.snapshot().node("c").busy()).as("in the stop").isZero();
        sim.runUntil(stop + 0.02);
        assertThat(sim.snapshot().node("c").busy()).as("after the stop").isEqualTo(1);
    }

    /** Runs {@code sim} to the end (60 s): {@code completed} records done, {@code redelivered} read again, all conserved. */
    private static void assertEndsWith(Simulation sim, long completed, long redelivered) {
        sim.runUntil(60);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(completed);
        assertThat(sim.snapshot().node("t").redelivered()).isEqualTo(redelivered);
        assertConserved(sim);
    }

    @Test
    void aJoinLeavesTheGroupReadingUntilTheNextHeartbeatThenStopsItForTenMilliseconds() {
        for (Consumer.AckMode ackMode : Consumer.AckMode.values()) {
            // One member owns both partitions and reads partition 0 first (60 records, until 6.05 s).
            // A second member joins at 3 s: member 0 learns of it at its heartbeat at 4 s (2 s, 4 s
            // from the assignment at 0 s), so from 3 s to 4 s it finishes records at 3.05 ... 3.95 s:
            // ten. At 4 s the group stops; member 0 finishes the record it holds (3.95 to 4.05 s); at
            // 4.01 s the range assignor gives member 0 partition 0 and member 1 partition 1: both busy.
            Simulation sim = start(twoPartitions(60, 60, 1, ackMode, List.of()));
            sim.runUntil(3.0);
            long atJoin = sim.snapshot().node("c").completed();
            assertThat(atJoin).as(ackMode.name()).isEqualTo(29);
            sim.setConsumerInstances("c", 2);
            sim.runUntil(3.99);
            assertThat(sim.snapshot().node("c").completed() - atJoin).as(ackMode.name()).isEqualTo(10);
            assertThat(sim.snapshot().node("c").busy()).isEqualTo(1);
            // Partition 1 untouched so far: its sixty records all wait.
            assertThat(lag(sim, 1)).isEqualTo(60);
            sim.runUntil(4.005);
            assertThat(sim.snapshot().node("c").busy()).as("the stop: only the record member 0 holds").isEqualTo(1);
            sim.runUntil(4.02);
            assertThat(sim.snapshot().node("c").busy()).as("the joiner has partition 1 from 4.01 s").isEqualTo(2);
            // An orderly join repeats nothing and loses nothing: the stop began with a commit of every
            // position (auto) or with every processed record committed (manual).
            assertEndsWith(sim, 120, 0);
            assertThat(sim.snapshot().node("t").dropped()).isZero();
            assertThat(lag(sim, 0) + lag(sim, 1)).isZero();
        }
    }

    @Test
    void aLeaveHandsItsPartitionOverAtTheOtherMembersNextHeartbeat() {
        // Member 0 has ten records on partition 0 (done at 1.05 s) and idles; member 1 reads partition
        // 1's sixty and at 3 s has finished 29 (0.15 ... 2.95 s), holding record 29 (2.95 to 3.05 s).
        // It leaves at 3 s: record 29 goes back to the committed offset 29 (manual commit). Member 0
        // learns of the leave at its heartbeat at 4 s and reads partition 1 from 4.01 s: record 29
        // again (a redelivery, not a duplicate: it was never processed), then 30-59.
        Simulation sim = start(twoPartitions(10, 60, 2, Consumer.AckMode.MANUAL, List.of()));
        sim.runUntil(3.0);
        assertThat(sim.snapshot().node("c").completed()).isEqualTo(39);
        sim.setConsumerInstances("c", 1);
        sim.runUntil(3.99);
        assertThat(lag(sim, 1)).isEqualTo(31);
        assertIdleThroughTheStopAt(sim, 4, 39);
        assertEndsWith(sim, 70, 1);
    }

    @Test
    void aMemberLeavingUnderAutoCommitCommitsWhatItProcessedFirst() {
        // The leave above under auto commit, before the first commit at 5 s: the leaving member
        // commits offset 29 as it closes (records 0-28 processed), so member 0 reads partition 1
        // from 29 at 4.01 s: record 29 again, nothing processed twice. 70 records, 70 completions
        // (a crash instead repeats all 29: see the next-but-one test).
        Simulation sim = start(twoPartitions(10, 60, 2, Consumer.AckMode.AUTO, List.of()));
        sim.runUntil(3.0);
        sim.setConsumerInstances("c", 1);
        assertIdleThroughTheStopAt(sim, 4, 39);
        assertEndsWith(sim, 70, 1);
        assertThat(lag(sim, 0) + lag(sim, 1)).isZero();
    }

    @Test
    void aCrashWaitsForTheSessionTimeoutThenForTheNextHeartbeat() {
        // As the leave, but member 1 crashes at 3 s for good: its session times out at 3 + 6 = 9 s;
        // member 0's heartbeats fall at 2, 4, 6, 8, 10 s, so it rejoins at 10 s and reads partition 1
        // from 10.01 s.
        Simulation sim = start(twoPartitions(10, 60, 2, Consumer.AckMode.MANUAL,
                List.of(new Consumer.Crash(s(3), 1, null))));
        assertIdleThroughTheStopAt(sim, 10, 39);
        assertEndsWith(sim, 70, 1);
    }

    @Test
    void aCrashUnderAutoCommitRepeatsWhatWasProcessedSinceTheLastCommit() {
        // The crash at 3 s, before the first auto commit at 5 s: partition 1's committed offset is 0,
        // so member 0 reads all of it again from 10.01 s: the 29 records member 1 processed are
        // duplicates, and record 29, which it held, is read again. 70 records, 99 completions.
        Simulation sim = start(twoPartitions(10, 60, 2, Consumer.AckMode.AUTO,
                List.of(new Consumer.Crash(s(3), 1, null))));
        assertEndsWith(sim, 99, 30);
        assertThat(sim.snapshot().node("t").dropped()).isZero();
    }

    @Test
    void aMemberJoiningAGroupWhoseMembersAllWentWaitsTheInitialRebalanceDelay() {
        // One member, partition 1 only (twenty records): at its crash at 1 s it has finished 9 (0.15 ...
        // 0.95 s) and holds record 9. Its session times out at 7 s and the group is empty. Back at
        // 8 s, a new member joins an empty group: the coordinator waits 3 s for more (11 s), then the
        // stop, and the member reads record 9 again from 11.01 s.
        Simulation sim = start(twoPartitions(0, 20, 1, Consumer.AckMode.MANUAL,
                List.of(new Consumer.Crash(s(1), 0, s(7)))));
        assertIdleThroughTheStopAt(sim, 11, 9);
        assertEndsWith(sim, 20, 1);
    }

    @Test
    void aMemberBackBeforeTheDeadSessionEndsWaitsForItButNoInitialDelay() {
        // The same crash, back at 5 s: the dead session (until 7 s) keeps the group from being empty,
        // so no 3 s delay; the rebalance starts at once and ends 10 ms after the session: 7.01 s.
        Simulation sim = start(twoPartitions(0, 20, 1, Consumer.AckMode.MANUAL,
                List.of(new Consumer.Crash(s(1), 0, s(4)))));
        assertIdleThroughTheStopAt(sim, 7, 9);
    }
}
