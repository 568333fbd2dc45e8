// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.brokers.live.Await;
import dev.pipewright.brokers.live.BackendReads;
import dev.pipewright.brokers.live.LiveBackendContract;
import dev.pipewright.engine.api.ConsumerLag;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunBackends;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kafka run backend the app drives, on an in-process KRaft cluster: what every live backend
 * does ({@link LiveBackendContract}), and the faults a client can do by hand, checked against the offsets the cluster reports back
 * (a topic's depth is its group's lag).
 */
class KafkaBackendTest extends LiveBackendContract {
    @RegisterExtension
    static final KraftCluster cluster = new KraftCluster();

    @Override
    protected String backendName() {
        return KafkaBackend.NAME;
    }

    @Override
    protected RunBackend newBackend() {
        return new KafkaBackend(KafkaTarget.parse(cluster.bootstrapServers()));
    }

    @Override
    protected RunBackend unreachable() {
        return new KafkaBackend(KafkaTarget.parse("127.0.0.1:1", "user", "secret"));
    }

    /** {@code limit} records at {@code rate} into topic "jobs" ({@code partitions}), one member holding each {@code holdMs}, committing after each. */
    static Flow flow(double rate, long limit, long holdMs, int partitions) {
        return new Flow(new FlowInfo("kafka", "", Broker.KAFKA), List.of(
                Source.of("src", "src", Position.ORIGIN).with("rate", rate).with("arrival", Source.Arrival.CONSTANT)
                        .with("messageLimit", limit),
                Queue.of("jobs", "jobs", Position.ORIGIN).with("partitions", partitions),
                Consumer.of("worker", "worker", Position.ORIGIN).with("prefetch", 1)
                        .with("ackMode", Consumer.AckMode.MANUAL)
                        .with("processingTime", Distribution.constant(Duration.ofMillis(holdMs)))),
                List.of(Edge.of("e0", "src", Port.OUT, "jobs"), Edge.of("e1", "jobs", Port.OUT, "worker")));
    }

    private void awaitDeclared() {
        BackendReads.awaitSetUp(backend, "the topics created");
    }

    @Test
    void isFoundByNameWithTheDefaultAddress() {
        try (RunBackend b = RunBackends.named(KafkaBackend.NAME)) {
            assertThat(((KafkaBackend) b).address()).isEqualTo("Kafka at 127.0.0.1:9092");
        }
    }

    @Test
    void aPausedConsumerLeavesTheRecordsUncommittedAndMoreMembersTakeThemWhenResumed() throws Exception {
        backend.start(flow(500, 20, 1, 3), 7, RunLimits.INTERACTIVE);
        awaitDeclared();
        backend.inject(new Fault.PauseConsumer("worker")).get(30, TimeUnit.SECONDS);
        backend.play();
        // The cluster's own lag: all 20 records wait, none was read.
        Await.until("20 records waiting", () -> node("jobs").depth() == 20, backend::latest);
        assertThat(node("worker").in()).isZero();
        backend.inject(new Fault.SetInstances("worker", 3)).get(30, TimeUnit.SECONDS);
        backend.inject(new Fault.ResumeConsumer("worker")).get(30, TimeUnit.SECONDS);
        Await.until("20 completed", () -> node("worker").completed() == 20, backend::latest);
        Await.until("the lag at zero", () -> node("jobs").depth() == 0, backend::latest);
        assertThat(backend.latest().conservation().holds()).isTrue();
    }

    @Test
    void aMemberLeavingTheGroupHandsItsPartitionsToTheOthers() throws Exception {
        backend.start(flow(0, 40, 1, 3), 7, RunLimits.INTERACTIVE);
        awaitDeclared();
        backend.inject(new Fault.SetInstances("worker", 3)).get(30, TimeUnit.SECONDS);
        backend.play();
        backend.inject(new Fault.SetInstances("worker", 1)).get(30, TimeUnit.SECONDS);
        backend.inject(new Fault.SetRate("src", 200)).get(30, TimeUnit.SECONDS);
        // All three partitions get records (keyless: sticky batches, so several partitions over 40);
        // the one member left reads every one of them after the rebalance.
        Await.until("40 completed by the one member left", () -> node("worker").completed() == 40, backend::latest);
        Await.until("the lag at zero", () -> node("jobs").depth() == 0, backend::latest);
        assertThat(backend.latest().conservation().holds()).isTrue();
    }

    @Test
    void aCrashedMemberCommitsNothingAndItsRecordIsReadAgainByTheRestoredOne() throws Exception {
        backend.start(flow(1_000, 1, 60_000, 1), 7, RunLimits.INTERACTIVE);
        awaitDeclared();
        backend.play();
        Await.until("the record in hand", () -> node("worker").in() == 1, backend::latest);
        backend.inject(new Fault.CrashInstance("worker", 0)).get(30, TimeUnit.SECONDS);
        backend.inject(new Fault.RestoreInstance("worker", 0)).get(30, TimeUnit.SECONDS);
        // The new member gets the partition once the crashed one's session timed out, from offset 0.
        Await.until("the record read again", () -> node("jobs").redelivered() == 1, backend::latest);
        assertThat(node("worker").in()).isEqualTo(2);
        assertThat(node("worker").completed()).isZero();
        assertThat(backend.latest().conservation().holds()).isTrue();
    }

    @Test
    void theGroupsLagIsReadWhileTheRunGoesPerPartitionAndInTheSeries() throws Exception {
        backend.start(flow(500, 12, 1, 3).replaceNode(Consumer.of("worker", "worker", Position.ORIGIN)
                .with("ackMode", Consumer.AckMode.AUTO).with("processingTime", Distribution.constant(Duration.ofMillis(1)))),
                7, RunLimits.INTERACTIVE);
        awaitDeclared();
        backend.inject(new Fault.PauseConsumer("worker")).get(30, TimeUnit.SECONDS);
        backend.play();
        // The cluster's log end offsets minus the group's (none committed yet), per partition, while it runs.
        Await.until("a lag of 12 in the series", () -> lastLag() == 12, backend::latest);
        ConsumerLag lag = node("jobs").lag().getFirst();
        assertThat(lag.group()).isEqualTo("worker");
        assertThat(lag.partitions()).isEqualTo(3);
        assertThat(lag.total()).isEqualTo(12);
        backend.inject(new Fault.ResumeConsumer("worker")).get(30, TimeUnit.SECONDS);
        Await.until("12 completed", () -> node("worker").completed() == 12, backend::latest);
        // Auto commit: the lag falls only when the member commits (every 5 s), then to zero in the series.
        Await.until("the lag at zero in the series", () -> lastLag() == 0, backend::latest);
        assertThat(node("jobs").lag().getFirst().total()).isZero();
    }

    /** The lag of the latest point of the topic's series, or -1 before the first. */
    private long lastLag() {
        NodeStats jobs = node("jobs");
        return jobs == null || jobs.series().isEmpty() ? -1 : jobs.series().getLast().lag();
    }

    @Test
    void ratesAreSetAndEndpointsAreRefusedInWords() throws Exception {
        backend.start(flow(0, 5, 1, 1), 7, RunLimits.INTERACTIVE);
        awaitDeclared();
        backend.play();
        backend.inject(new Fault.SetRate("src", 500)).get(30, TimeUnit.SECONDS);
        Await.until("5 completed at the new rate", () -> node("worker").completed() == 5, backend::latest);
        assertThatThrownBy(() -> backend.inject(new Fault.EndpointDown("worker")).get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(UnsupportedOperationException.class)
                .cause().hasMessageContaining("endpoint down").hasMessageContaining("simulator");
        assertThatThrownBy(() -> backend.inject(new Fault.CrashInstance("worker", 4)).get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }
}
