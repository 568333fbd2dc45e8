// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.brokers.live.Await;
import dev.pipewright.brokers.live.BackendReads;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunBackends;
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
import dev.pipewright.model.Source;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SQS run backend the app drives, on an ElasticMQ started in-process for each run: held at
 * the start, played, and the faults a client can do by hand, checked against the counts ElasticMQ
 * reports back.
 */
class SqsBackendTest {
    private final RunBackend backend = new SqsBackend();

    @AfterEach
    void clean() {
        backend.close();
    }

    /** {@code limit} messages at {@code rate} into "jobs" (visibility timeout 1 s), one consumer holding each {@code holdMs}. */
    private static Flow flow(double rate, long limit, long holdMs) {
        return new Flow(new FlowInfo("sqs", "", Broker.SQS), List.of(
                Source.of("src", "src", Position.ORIGIN).with("rate", rate).with("arrival", Source.Arrival.CONSTANT)
                        .with("messageLimit", limit),
                Queue.of("jobs", "jobs-" + System.nanoTime(), Position.ORIGIN).with("visibilityTimeout", Duration.ofSeconds(1)),
                Consumer.of("worker", "worker", Position.ORIGIN).with("prefetch", 1)
                        .with("processingTime", Distribution.constant(Duration.ofMillis(holdMs)))),
                List.of(Edge.of("e0", "src", Port.OUT, "jobs"), Edge.of("e1", "jobs", Port.OUT, "worker")));
    }

    private NodeStats node(String id) {
        return BackendReads.node(backend, id);
    }

    private void awaitDeclared() {
        BackendReads.awaitSetUp(backend, "the queues created");
    }

    @Test
    void isFoundByNameAndCanDoNothingBeyondTheCommonControls() {
        try (RunBackend b = RunBackends.named(SqsBackend.NAME)) {
            assertThat(b.name()).isEqualTo("sqs");
            assertThat(b.capabilities()).isEmpty();
        }
        assertThat(SqsBackend.embeddedAvailable()).as("ElasticMQ is on the test class path").isTrue();
    }

    @Test
    void startsHeldAndPlaysUntilTheMessageLimitIsConsumed() {
        backend.start(flow(200, 30, 1), 7, RunLimits.INTERACTIVE);
        awaitDeclared();
        assertThat(node("src").out()).isZero();
        backend.play();
        Await.until("30 messages completed", () -> node("worker").completed() == 30, backend::latest);
        Snapshot s = backend.latest();
        assertThat(s.node("src").out()).isEqualTo(30);
        assertThat(s.node("jobs").in()).isEqualTo(30);
        assertThat(s.conservation().holds()).isTrue();
    }

    @Test
    void aPausedConsumerLeavesMessagesInTheQueueAndMoreInstancesTakeThemWhenResumed() throws Exception {
        backend.start(flow(500, 20, 1), 7, RunLimits.INTERACTIVE);
        awaitDeclared();
        backend.inject(new Fault.PauseConsumer("worker")).get(30, TimeUnit.SECONDS);
        backend.play();
        // ElasticMQ's own count of visible messages: all 20 wait, none was received.
        Await.until("20 messages waiting", () -> node("jobs").depth() == 20, backend::latest);
        assertThat(node("worker").in()).isZero();
        backend.inject(new Fault.SetInstances("worker", 3)).get(30, TimeUnit.SECONDS);
        backend.inject(new Fault.ResumeConsumer("worker")).get(30, TimeUnit.SECONDS);
        Await.until("20 completed", () -> node("worker").completed() == 20, backend::latest);
        Await.until("the queue empty", () -> node("jobs").depth() == 0, backend::latest);
        assertThat(backend.latest().conservation().holds()).isTrue();
    }

    @Test
    void aCrashedInstanceDeletesNothingSoSqsGivesItsMessageAgainAfterTheVisibilityTimeout() throws Exception {
        backend.start(flow(1_000, 1, 60_000), 7, RunLimits.INTERACTIVE);
        awaitDeclared();
        backend.play();
        Await.until("the message in hand", () -> node("worker").in() == 1, backend::latest);
        backend.inject(new Fault.CrashInstance("worker", 0)).get(30, TimeUnit.SECONDS);
        backend.inject(new Fault.RestoreInstance("worker", 0)).get(30, TimeUnit.SECONDS);
        Await.until("the message received again", () -> node("jobs").redelivered() == 1, backend::latest);
        assertThat(node("worker").in()).isEqualTo(2);
        assertThat(backend.latest().conservation().holds()).isTrue();
    }

    @Test
    void ratesAreSetAndEndpointsAreRefusedInWords() throws Exception {
        backend.start(flow(0, 5, 1), 7, RunLimits.INTERACTIVE);
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

    @Test
    void anEndpointThatIsDownIsOneSentenceNamingItWithoutTheSecret() {
        SqsTarget down = SqsTarget.parse("http://127.0.0.1:1", "eu-west-1", "AKIAEXAMPLE", "s3cret-key", Map.of());
        try (RunBackend b = new SqsBackend(down)) {
            b.start(flow(10, 10, 0), 1, RunLimits.INTERACTIVE);
            Await.until("the failure", () -> b.failure() != null, () -> "nothing");
            assertThat(b.failure().getMessage()).startsWith("Amazon SQS at http://127.0.0.1:1")
                    .doesNotContain("s3cret").doesNotContain("\n");
            assertThat(b.latest()).isNull();
        }
    }
}
