// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipewright.brokers.live.Await;
import dev.pipewright.brokers.live.LiveBackendContract;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The NATS run backend the app drives, on the local nats-server with JetStream (127.0.0.1:4222;
 * skipped when none answers, failed then under PIPEWRIGHT_REQUIRE_BROKERS=1): what every live
 * backend does ({@link LiveBackendContract}), and the faults a client can do by hand, checked
 * against the counts the server's consumer info reports back (pending and ack-pending) and its
 * stream list.
 */
class NatsBackendTest extends LiveBackendContract {
    @Override
    protected String backendName() {
        return NatsBackend.NAME;
    }

    @Override
    @SuppressWarnings("try") // jnats' Connection.close() may throw InterruptedException; caught with the rest
    protected RunBackend newBackend() {
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
        return new NatsBackend();
    }

    @Override
    protected boolean playsEndpoints() {
        return false;
    }

    @Override
    protected RunBackend unreachable() {
        return new NatsBackend(NatsTarget.parse("nats://127.0.0.1:1", "user", "secret"));
    }

    @Override
    protected String whatToDoWhenDown() {
        return "nats-server -js";
    }

    /**
     * Under the NATS profile, with an ack_wait of 1 s: what a crashed instance held (not acked) is
     * delivered again a second after its delivery, not after NATS's default 30 s.
     */
    @Override
    protected Flow forBroker(Flow flow) {
        return flow.withInfo(flow.info().withBroker(Broker.NATS))
                .replaceNode(flow.node("orders").orElseThrow().with("visibilityTimeout", Duration.ofSeconds(1)));
    }

    @Test
    void aCrashedInstanceAcksNothingSoTheServerDeliversItsOneMessageAgainAfterAckWait() throws Exception {
        // One message: with nothing else to take, the restored instance gets it again.
        backend.start(flow(1_000, 1, 1, 10, 2 * Await.BOUND.toMillis()), 7, RunLimits.INTERACTIVE);
        awaitConnected();
        backend.play();
        Await.until("the message in hand", () -> node("workers").in() == 1, backend::latest);
        backend.inject(new Fault.CrashInstance("workers", 0)).get(30, TimeUnit.SECONDS);
        backend.inject(new Fault.RestoreInstance("workers", 0)).get(30, TimeUnit.SECONDS);
        Await.until("the message delivered again", () -> node("orders").redelivered() == 1, backend::latest);
        assertThat(node("workers").in()).isEqualTo(2);
        assertThat(backend.latest().conservation().holds()).isTrue();
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
    void isOnTheLocalServerUnlessTold() {
        assertThat(((NatsBackend) backend).address()).isEqualTo("NATS server at nats://127.0.0.1:4222");
    }

    @Test
    void aRunMakesAStreamOfItsOwnAndRemovesItWhenClosed() throws Exception {
        List<String> others = streams();
        backend.start(flow(200, 30, 1, 10, 1), 7, RunLimits.INTERACTIVE);
        awaitConnected();
        // The run's stream, named under its own prefix: other runs (other tests) may have streams too.
        List<String> mine = streams().stream().filter(n -> !others.contains(n) && n.startsWith("pw-")
                && n.endsWith("-orders")).toList();
        assertThat(mine).hasSize(1);
        backend.play();
        Await.until("30 messages completed", () -> completed() == 30, backend::latest);
        Await.until("the stream drained", () -> node("orders").depth() == 0, backend::latest);
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
    void theInstancesShownAreTheOnesRunningPausedAndCrashedNotTheModelledNumber() throws Exception {
        backend.start(flow(1_000, 1, 1, 10, 60_000), 7, RunLimits.INTERACTIVE);
        awaitConnected();
        assertThat(node("workers").idle()).as("the one modelled instance, idle while held").isEqualTo(1);
        backend.play();
        Await.until("the message in hand", () -> node("workers").busy() == 1 && node("workers").idle() == 0,
                backend::latest);
        backend.inject(new Fault.SetInstances("workers", 3)).get(30, TimeUnit.SECONDS);
        Await.until("one busy, two idle", () -> node("workers").busy() == 1 && node("workers").idle() == 2,
                backend::latest);
        backend.inject(new Fault.CrashInstance("workers", 0)).get(30, TimeUnit.SECONDS);
        Await.until("one crashed, two idle", () -> node("workers").crashed() == 1 && node("workers").busy() == 0
                && node("workers").idle() == 2, backend::latest);
        backend.inject(new Fault.PauseConsumer("workers")).get(30, TimeUnit.SECONDS);
        Await.until("the two running paused", () -> node("workers").paused() == 2 && node("workers").idle() == 0,
                backend::latest);
        backend.inject(new Fault.RestoreInstance("workers", 0)).get(30, TimeUnit.SECONDS);
        Await.until("none crashed, three paused", () -> node("workers").crashed() == 0 && node("workers").paused() == 3,
                backend::latest);
    }
}
