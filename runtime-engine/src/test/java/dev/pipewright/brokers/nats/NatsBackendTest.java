// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The NATS run backend the app drives, on the local nats-server with JetStream (127.0.0.1:4222;
 * skipped when none answers, failed then under PIPEWRIGHT_REQUIRE_BROKERS=1): held at the start,
 * played, and the faults a client can do by hand, checked against the counts the server's
 * consumer info reports back (pending and ack-pending) and its stream list.
 */
class NatsBackendTest {
    private final RunBackend backend = new NatsBackend();

    @BeforeEach
    @SuppressWarnings("try") // jnats' Connection.close() may throw InterruptedException; caught with the rest
    void needsTheServer() {
        try (Connection nc = Nats.connect(new Options.Builder().server(NatsTarget.LOCAL)
                .connectionTimeout(Duration.ofSeconds(5)).maxReconnects(0).build())) {
            assertThat(nc.getServerInfo().isJetStreamAvailable()).as("JetStream on the local server").isTrue();
        } catch (Exception e) { // close may throw InterruptedException
            String why = "no NATS server at " + NatsTarget.LOCAL + " (" + e.getMessage() + "); start nats-server -js";
            if ("1".equals(System.getenv("PIPEWRIGHT_REQUIRE_BROKERS"))) {
                fail(why);
            }
            assumeTrue(false, why + "; skipped");
        }
    }

    @AfterEach
    void clean() {
        backend.close();
    }

    /** {@code limit} messages at {@code rate} into "jobs" (ack_wait 1 s), one consumer holding each {@code holdMs}. */
    private static Flow flow(double rate, long limit, long holdMs) {
        return new Flow(new FlowInfo("nats", "", Broker.NATS), List.of(
                Source.of("src", "src", Position.ORIGIN).with("rate", rate).with("arrival", Source.Arrival.CONSTANT)
                        .with("messageLimit", limit),
                Queue.of("jobs", "jobs", Position.ORIGIN).with("visibilityTimeout", Duration.ofSeconds(1)),
                Consumer.of("worker", "worker", Position.ORIGIN).with("ackMode", Consumer.AckMode.MANUAL)
                        .with("processingTime", Distribution.constant(Duration.ofMillis(holdMs)))),
                List.of(Edge.of("e0", "src", Port.OUT, "jobs"), Edge.of("e1", "jobs", Port.OUT, "worker")));
    }

    private NodeStats node(String id) {
        return BackendReads.node(backend, id);
    }

    private void awaitDeclared() {
        BackendReads.awaitSetUp(backend, "the streams created");
    }

    /** The names of the streams on the local server now. */
    @SuppressWarnings("try") // jnats' Connection.close() may throw InterruptedException; the caller lets it
    private static List<String> streams() throws Exception {
        try (Connection nc = Nats.connect(NatsTarget.LOCAL)) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            return jsm.getStreamNames();
        }
    }

    @Test
    void isFoundByNameAndCanDoNothingBeyondTheCommonControls() {
        try (RunBackend b = RunBackends.named(NatsBackend.NAME)) {
            assertThat(b.name()).isEqualTo("nats");
            assertThat(b.capabilities()).isEmpty();
        }
        assertThat(((NatsBackend) backend).address()).isEqualTo("NATS server at nats://127.0.0.1:4222");
    }

    @Test
    void startsHeldAndPlaysUntilTheMessageLimitIsConsumedThenRemovesItsStream() throws Exception {
        List<String> others = streams();
        backend.start(flow(200, 30, 1), 7, RunLimits.INTERACTIVE);
        awaitDeclared();
        assertThat(node("src").out()).isZero();
        // The run's stream, named under its own prefix: other runs (other tests) may have streams too.
        List<String> mine = streams().stream().filter(n -> !others.contains(n) && n.startsWith("pw-")
                && n.endsWith("-jobs")).toList();
        assertThat(mine).hasSize(1);
        backend.play();
        Await.until("30 messages completed", () -> node("worker").completed() == 30, backend::latest);
        Await.until("the stream drained", () -> node("jobs").depth() == 0, backend::latest);
        Snapshot s = backend.latest();
        assertThat(s.node("src").out()).isEqualTo(30);
        assertThat(s.node("jobs").in()).isEqualTo(30);
        assertThat(s.conservation().holds()).isTrue();
        backend.close();
        Await.until("the run's stream deleted", () -> {
            try {
                return !streams().contains(mine.getFirst());
            } catch (Exception e) {
                return false;
            }
        }, () -> mine);
    }

    @Test
    void aPausedConsumerLeavesMessagesPendingAndMoreInstancesTakeThemWhenResumed() throws Exception {
        backend.start(flow(500, 20, 1), 7, RunLimits.INTERACTIVE);
        awaitDeclared();
        backend.inject(new Fault.PauseConsumer("worker")).get(30, TimeUnit.SECONDS);
        backend.play();
        // The server's own count of the durable's pending messages: all 20 wait, none was delivered.
        Await.until("20 messages waiting", () -> node("jobs").depth() == 20, backend::latest);
        assertThat(node("worker").in()).isZero();
        backend.inject(new Fault.SetInstances("worker", 3)).get(30, TimeUnit.SECONDS);
        backend.inject(new Fault.ResumeConsumer("worker")).get(30, TimeUnit.SECONDS);
        Await.until("20 completed", () -> node("worker").completed() == 20, backend::latest);
        Await.until("the stream drained", () -> node("jobs").depth() == 0, backend::latest);
        assertThat(backend.latest().conservation().holds()).isTrue();
    }

    @Test
    void aCrashedInstanceAcksNothingSoTheServerDeliversItsMessageAgainAfterAckWait() throws Exception {
        backend.start(flow(1_000, 1, 60_000), 7, RunLimits.INTERACTIVE);
        awaitDeclared();
        backend.play();
        Await.until("the message in hand", () -> node("worker").in() == 1, backend::latest);
        backend.inject(new Fault.CrashInstance("worker", 0)).get(30, TimeUnit.SECONDS);
        backend.inject(new Fault.RestoreInstance("worker", 0)).get(30, TimeUnit.SECONDS);
        Await.until("the message delivered again", () -> node("jobs").redelivered() == 1, backend::latest);
        assertThat(node("worker").in()).isEqualTo(2);
        assertThat(backend.latest().conservation().holds()).isTrue();
    }

    @Test
    void theInstancesShownAreTheOnesRunningPausedAndCrashedNotTheModelledNumber() throws Exception {
        backend.start(flow(1_000, 1, 60_000), 7, RunLimits.INTERACTIVE);
        awaitDeclared();
        assertThat(node("worker").idle()).as("the one modelled instance, idle while held").isEqualTo(1);
        backend.play();
        Await.until("the message in hand", () -> node("worker").busy() == 1 && node("worker").idle() == 0,
                backend::latest);
        backend.inject(new Fault.SetInstances("worker", 3)).get(30, TimeUnit.SECONDS);
        Await.until("one busy, two idle", () -> node("worker").busy() == 1 && node("worker").idle() == 2,
                backend::latest);
        backend.inject(new Fault.CrashInstance("worker", 0)).get(30, TimeUnit.SECONDS);
        Await.until("one crashed, two idle", () -> node("worker").crashed() == 1 && node("worker").busy() == 0
                && node("worker").idle() == 2, backend::latest);
        backend.inject(new Fault.PauseConsumer("worker")).get(30, TimeUnit.SECONDS);
        Await.until("the two running paused", () -> node("worker").paused() == 2 && node("worker").idle() == 0,
                backend::latest);
        backend.inject(new Fault.RestoreInstance("worker", 0)).get(30, TimeUnit.SECONDS);
        Await.until("none crashed, three paused", () -> node("worker").crashed() == 0 && node("worker").paused() == 3,
                backend::latest);
    }

    @Test
    void ratesAndFloodsAreSetAndEndpointsAreRefusedInWords() throws Exception {
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
    void aServerThatIsNotThereIsOneSentenceNamingIt() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (RunBackend b = new NatsBackend(NatsTarget.parse("nats://127.0.0.1:" + port))) {
            b.start(flow(10, 10, 0), 1, RunLimits.INTERACTIVE);
            Await.until("the failure", () -> b.failure() != null, () -> "nothing");
            assertThat(b.failure().getMessage()).startsWith("NATS server at nats://127.0.0.1:" + port)
                    .contains("nats-server -js").doesNotContain("\n");
            assertThat(b.latest()).isNull();
        }
    }
}
