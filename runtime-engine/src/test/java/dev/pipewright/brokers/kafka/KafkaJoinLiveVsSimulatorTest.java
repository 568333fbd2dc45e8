// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import static dev.pipewright.brokers.kafka.KafkaKeys.keyOn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.brokers.live.Await;
import dev.pipewright.brokers.live.BackendReads;
import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member joining a consumer group while it reads, on an in-process KRaft cluster (Kafka 4.3.1's
 * {@code KafkaClusterTestKit}) and in the simulator's Kafka profile: the counts at the end must be
 * the same (every record completed once, nothing read again, lag zero), never the timings. An
 * eager join stops the group only after every member committed what it processed (auto commit
 * commits before it rejoins), so the model's answer is no duplicate and no loss; a live rebalance
 * that read a revoked partition again from an older offset would show up here as redeliveries.
 */
class KafkaJoinLiveVsSimulatorTest {
    private static final int RECORDS = 60;
    @RegisterExtension
    static final KraftCluster cluster = new KraftCluster();
    private RunBackend backend;

    @AfterEach
    void clean() {
        if (backend != null) {
            backend.close();
        }
    }

    /**
     * Sixty keyed records, one every 100 ms from 0.1 s, taking turns between the two partitions of
     * topic "jobs", read by one member of group "worker" taking 50 ms each, committing as
     * {@code ackMode} says.
     */
    private static Flow flow(Consumer.AckMode ackMode) {
        List<ScriptedMessage> script = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            script.add(new ScriptedMessage(Duration.ofMillis(100L * (i + 1)), null, keyOn(i % 2, i / 2), null, Map.of(),
                    null, null));
        }
        return new Flow(new FlowInfo("join", "", Broker.KAFKA), List.of(
                Source.of("src", "src", Position.ORIGIN).with("script", script),
                Queue.of("jobs", "jobs", Position.ORIGIN).with("partitions", 2),
                Consumer.of("worker", "worker", Position.ORIGIN).with("prefetch", 1).with("ackMode", ackMode)
                        .with("processingTime", Distribution.constant(Duration.ofMillis(50)))),
                List.of(Edge.of("e0", "src", Port.OUT, "jobs"), Edge.of("e1", "jobs", Port.OUT, "worker")));
    }

    /** The simulator: the members set to {@code instances} at {@code at} s, then on until everything settled. */
    private static Snapshot simulated(Flow flow, double at, int instances) {
        Simulation sim = Simulation.create(flow, 7);
        sim.runUntil(at);
        sim.setConsumerInstances("worker", instances);
        sim.runUntil(60);
        return sim.snapshot();
    }

    private NodeStats node(String id) {
        return BackendReads.node(backend, id);
    }

    /**
     * Live: the members set to {@code instances} once ten records are completed, wherever that
     * falls; the counts once all are completed and the lag is zero.
     */
    private Snapshot live(Flow flow, int instances) throws Exception {
        backend = new KafkaBackend(KafkaTarget.parse(cluster.bootstrapServers()));
        backend.start(flow, 7, RunLimits.INTERACTIVE);
        BackendReads.awaitSetUp(backend, "the topics created");
        backend.play();
        Await.until("ten records completed", () -> node("worker").completed() >= 10, backend::latest);
        backend.inject(new Fault.SetInstances("worker", instances)).get(30, TimeUnit.SECONDS);
        Await.until(RECORDS + " completed", () -> node("worker").completed() >= RECORDS, backend::latest);
        Await.until("the lag at zero", () -> node("jobs").depth() == 0, backend::latest);
        return backend.latest();
    }

    /** The counts {@code s} of {@code which}: every record completed, none dropped, the lag at zero, the law holding. */
    private static void assertSettled(Snapshot s, String which) {
        assertThat(s.node("worker").completed()).as(which).isEqualTo(RECORDS);
        assertThat(s.node("jobs").dropped()).as(which).isZero();
        assertThat(s.node("jobs").lag().getFirst().total()).as(which).isZero();
        assertThat(s.conservation().holds()).as(which).isTrue();
    }

    private void joinAgrees(Consumer.AckMode ackMode) throws Exception {
        Flow flow = flow(ackMode);
        Snapshot sim = simulated(flow, 2.0, 2);
        Snapshot live = live(flow, 2);
        for (Snapshot s : List.of(sim, live)) {
            String which = (s == sim ? "simulator " : "live ") + ackMode;
            assertSettled(s, which);
            assertThat(s.node("jobs").redelivered()).as(which).isZero();
        }
        assertThat(live.node("jobs").in()).isEqualTo(sim.node("jobs").in());
        assertThat(live.node("worker").completed()).isEqualTo(sim.node("worker").completed());
    }

    /**
     * A member leaving instead (two members, one taken away), under auto commit: the leaver commits
     * what it processed as it closes, so nothing is processed twice in either. What cannot agree
     * exactly is the record it holds at that moment: a live member finishes it before it leaves,
     * the simulator takes it away at once and the new owner reads it again, a redelivery. At 2.02 s
     * the simulator's member 1 holds record 19 (written at 2.0 s to partition 1, 50 ms): one.
     */
    @Test
    void aLeaveUnderAutoCommitRepeatsNothingAndTheSimulatorReadsAtMostTheHeldRecordAgain() throws Exception {
        Flow flow = flow(Consumer.AckMode.AUTO).replaceNode(Consumer.of("worker", "worker", Position.ORIGIN)
                .with("instances", 2).with("prefetch", 1).with("ackMode", Consumer.AckMode.AUTO)
                .with("processingTime", Distribution.constant(Duration.ofMillis(50))));
        Snapshot sim = simulated(flow, 2.02, 1);
        Snapshot live = live(flow, 1);
        assertSettled(sim, "simulator");
        assertSettled(live, "live");
        assertThat(sim.node("jobs").redelivered()).isEqualTo(1);
        assertThat(live.node("jobs").redelivered()).isZero();
    }

    @Test
    void aJoinUnderAutoCommitRepeatsNothingLiveAsInTheSimulator() throws Exception {
        // Without the commit before the rejoin, the joiner would read partition 1 from the last 5 s
        // commit (none yet at 2 s): the records the first member processed there, again.
        joinAgrees(Consumer.AckMode.AUTO);
    }

    @Test
    void aJoinCommittingAfterEachRecordRepeatsNothingLiveAsInTheSimulator() throws Exception {
        joinAgrees(Consumer.AckMode.MANUAL);
    }
}
