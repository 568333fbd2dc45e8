// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipewright.brokers.live.Await;
import dev.pipewright.brokers.live.BackendReads;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.RunBackend;
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
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ConsumerInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run by hand on the local nats-server holds each instance's prefetch, as {@code deploy --nats}
 * does ({@link NatsPrefetch}), read off the server's own count of the durable's unacknowledged
 * messages: a paused consumer asks for nothing more and works through what it holds, as the
 * simulator's does, and a removed instance gives back what it has not started, so it does not wait
 * out {@code ack_wait} (120 s here, beyond the tests' waits). Skipped when no server answers, failed
 * then under PIPEWRIGHT_REQUIRE_BROKERS=1.
 */
class NatsByHandPrefetchTest {
    /** The queue's name, which no other test's run uses, so its stream is found among theirs. */
    private static final String QUEUE = "nbp-jobs";

    private final RunBackend backend = new NatsBackend();
    private Connection nc;
    private List<String> others;

    @BeforeEach
    void needsTheServer() throws Exception {
        try {
            nc = Nats.connect(new Options.Builder().server(NatsTarget.LOCAL).connectionTimeout(Duration.ofSeconds(5))
                    .maxReconnects(0).build());
        } catch (Exception e) {
            String why = "no NATS server at " + NatsTarget.LOCAL + " (" + e.getMessage() + "); start nats-server -js";
            if ("1".equals(System.getenv("PIPEWRIGHT_REQUIRE_BROKERS"))) {
                fail(why);
            }
            assumeTrue(false, why + "; skipped");
        }
        others = nc.jetStreamManagement().getStreamNames();
    }

    @AfterEach
    void clean() throws InterruptedException {
        backend.close();
        if (nc != null) {
            nc.close();
        }
    }

    /** {@code messages} at once into the queue (ack_wait 120 s), read by {@code instances} of prefetch 5 taking {@code holdMs} each. */
    private static Flow flow(long messages, int instances, long holdMs) {
        return new Flow(new FlowInfo("nats prefetch by hand", "", Broker.NATS), List.of(
                Source.of("src", "src", Position.ORIGIN).with("rate", 1_000.0).with("arrival", Source.Arrival.CONSTANT)
                        .with("messageLimit", messages),
                Queue.of("jobs", QUEUE, Position.ORIGIN).with("visibilityTimeout", Duration.ofSeconds(120)),
                Consumer.of("worker", "worker", Position.ORIGIN).with("instances", instances).with("prefetch", 5)
                        .with("processingTime", Distribution.constant(Duration.ofMillis(holdMs)))),
                List.of(Edge.of("e0", "src", Port.OUT, "jobs"), Edge.of("e1", "jobs", Port.OUT, "worker")));
    }

    private NodeStats node(String id) {
        return BackendReads.node(backend, id);
    }

    /** The server's figures for the run's durable consumer: messages not yet delivered, and delivered but not acked. */
    private ConsumerInfo durable() {
        try {
            JetStreamManagement jsm = nc.jetStreamManagement();
            String stream = jsm.getStreamNames().stream().filter(n -> !others.contains(n) && n.startsWith("pw-")
                    && n.endsWith("-" + QUEUE)).findFirst().orElse(null);
            return stream == null ? null : jsm.getConsumers(stream).stream().findFirst().orElse(null);
        } catch (Exception e) {
            return null; // not created yet, or deleted: the wait goes on
        }
    }

    private long ackPending() {
        ConsumerInfo c = durable();
        return c == null ? -1 : c.getNumAckPending();
    }

    private long pending() {
        ConsumerInfo c = durable();
        return c == null ? -1 : c.getNumPending();
    }

    private String state() {
        ConsumerInfo c = durable();
        NodeStats w = node("worker");
        return (c == null ? "no consumer" : "pending " + c.getNumPending() + ", ack pending " + c.getNumAckPending())
                + (w == null ? "" : "; worker in " + w.in() + ", completed " + w.completed() + ", busy " + w.busy());
    }

    @Test
    void aPausedConsumerWorksThroughWhatItsInstanceHoldsAndAsksForNothingMore() throws Exception {
        backend.start(flow(10, 1, 500), 7, RunLimits.INTERACTIVE);
        BackendReads.awaitSetUp(backend, "the streams created");
        backend.play();
        // One instance holds its prefetch of 5 (one at work, four waiting in the client), not one at a time.
        Await.until("5 held by the instance", () -> ackPending() == 5 && pending() == 5, this::state);
        backend.inject(new Fault.PauseConsumer("worker")).get(30, TimeUnit.SECONDS);
        // Asking for more, it would hold some of the messages pending all along; it holds none once it is
        // through what it held, as the simulator's paused consumer processes what its instances hold.
        Await.until("nothing held", () -> ackPending() == 0, this::state);
        long in = node("worker").in();
        assertThat(in).as("the 5 it held, and any it took before the pause came, worked through").isBetween(5L, 9L);
        assertThat(pending()).isEqualTo(10 - in);
        Await.until("what it took completed", () -> node("worker").completed() == in, this::state);
        backend.inject(new Fault.ResumeConsumer("worker")).get(30, TimeUnit.SECONDS);
        Await.until("10 completed", () -> node("worker").completed() == 10, this::state);
        Await.until("the stream drained", () -> node("jobs").depth() == 0, this::state);
        assertThat(backend.latest().conservation().holds()).isTrue();
    }

    @Test
    void aRemovedInstanceFinishesItsMessageAndGivesBackWhatItHasNotStarted() throws Exception {
        backend.start(flow(10, 2, 1_000), 7, RunLimits.INTERACTIVE);
        BackendReads.awaitSetUp(backend, "the streams created");
        backend.play();
        Await.until("5 held by each instance", () -> ackPending() == 10 && node("worker").busy() == 2, this::state);
        backend.inject(new Fault.SetInstances("worker", 1)).get(30, TimeUnit.SECONDS);
        // Kept until ack_wait, the removed instance's 4 would leave 9 unacknowledged for 120 s.
        Await.until("no more held than the one instance's prefetch", () -> {
            long held = ackPending();
            return held >= 0 && held <= 5;
        }, this::state);
        Await.until("10 completed", () -> node("worker").completed() == 10, this::state);
        Await.until("the stream drained", () -> node("jobs").depth() == 0, this::state);
        assertThat(node("worker").in()).as("each delivered to a consumer once: given back, not handled").isEqualTo(10);
        assertThat(backend.latest().conservation().holds()).isTrue();
    }
}
