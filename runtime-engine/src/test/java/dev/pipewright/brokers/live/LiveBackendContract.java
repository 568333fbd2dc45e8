// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunBackends;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Flow;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every live run backend does with a point-to-point flow ({@link LiveFlows#pointToPoint}), the
 * same on each broker: found by its name, plays until the message limit is consumed with the
 * counts of the clients and the broker, takes a new rate, leaves the messages of a paused consumer
 * in the queue for more instances, counts what an instance works on in flight and not ready, gives
 * back what a crashed instance held, refuses what it cannot do, and says in one sentence which address is down. A backend's test extends it with the backend
 * ({@link #forBroker} for settings a broker needs to end the cases in the test's time).
 */
public abstract class LiveBackendContract {
    /** The backend under test, made before each test by {@link #newBackend}, closed after it. */
    protected RunBackend backend;

    /** The name {@link RunBackends#named} finds the backend by. */
    protected abstract String backendName();

    /** A new backend on the broker under test (a scratch place of its own there). */
    protected abstract RunBackend newBackend() throws Exception;

    /** A backend on 127.0.0.1:1, where nothing listens, logging in with the password {@code secret}. */
    protected abstract RunBackend unreachable();

    /**
     * {@code flow} as the contract runs it on this broker: as it is, unless a broker needs one of its
     * settings changed for the contract's cases to end in the test's time (a shorter visibility timeout).
     */
    protected Flow forBroker(Flow flow) {
        return flow;
    }

    /** What the one sentence for a broker that is down tells the user to do, besides naming it; "" for nothing asked. */
    protected String whatToDoWhenDown() {
        return "";
    }

    /** Whether the backend plays a flow's endpoints; one that does not refuses their faults in words. */
    protected boolean playsEndpoints() {
        return true;
    }

    /** Removes what {@link #newBackend} made on the broker, after the backend closed. */
    protected void cleanUp() throws Exception {
    }

    @BeforeEach
    void makeBackend() throws Exception {
        backend = newBackend();
    }

    @AfterEach
    void closeBackend() throws Exception {
        try {
            if (backend != null) {
                backend.close();
            }
        } finally {
            cleanUp();
        }
    }

    /** The contract's point-to-point flow ({@link LiveFlows#pointToPoint}) as this broker runs it ({@link #forBroker}). */
    protected Flow flow(double rate, long limit, int instances, int prefetch, long holdMs) {
        return forBroker(LiveFlows.pointToPoint(rate, limit, instances, prefetch, holdMs));
    }

    protected NodeStats node(String id) {
        Snapshot s = backend.latest();
        return s == null ? null : s.node(id);
    }

    /** What consumer "workers" completed, -1 before the first snapshot. */
    protected long completed() {
        NodeStats n = node("workers");
        return n == null ? -1 : n.completed();
    }

    protected void awaitConnected() {
        Await.until("the topology declared", () -> backend.latest() != null || backend.failure() != null,
                backend::failure);
        assertThat(backend.failure()).isNull();
    }

    @Test
    void isFoundByNameAndCanDoNothingASimulatorAlone() {
        try (RunBackend b = RunBackends.named(backendName())) {
            assertThat(b.name()).isEqualTo(backendName());
            assertThat(b.capabilities()).isEmpty();
        }
    }

    @Test
    void playsUntilTheMessageLimitIsConsumedWithTheCountsOfTheClientsAndTheBroker() {
        backend.start(flow(200, 100, 2, 10, 2), 7, RunLimits.INTERACTIVE);
        awaitConnected();
        assertThat(backend.latest().node("src").out()).isZero(); // started paused
        assertThatThrownBy(backend::step).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> backend.setSpeed(4)).isInstanceOf(UnsupportedOperationException.class);
        backend.play();
        Await.until("100 messages completed", () -> completed() == 100, backend::latest);
        Await.until("the queue empty on the broker", () -> node("orders").ready() == 0, backend::latest);
        Snapshot s = backend.latest();
        assertThat(s.node("src").out()).isEqualTo(100);
        assertThat(s.node("src").confirmed()).isEqualTo(100);
        assertThat(s.node("orders").in()).isEqualTo(100);
        assertThat(s.node("orders").out()).isEqualTo(100);
        assertThat(s.conservation().produced()).isEqualTo(100);
        assertThat(s.conservation().completed()).isEqualTo(100);
        assertThat(s.conservation().holds()).isTrue();
        assertThat(s.edge("e1").crossed()).isEqualTo(100); // the wires' dots and rates in the live view
        assertThat(s.edge("e2").crossed()).isEqualTo(100);
        assertThat(s.time()).isPositive();
        assertThat(s.events()).isPositive();
        Await.until("a point in the consumer's series for the charts", () -> !node("workers").series().isEmpty(),
                backend::latest);
        assertThat(node("workers").series().getFirst().outRate()).isPositive();
    }

    @Test
    void setRateSpeedsASourceUp() throws Exception {
        backend.start(flow(1, 1_000, 2, 10, 0), 7, RunLimits.INTERACTIVE);
        awaitConnected();
        backend.play();
        backend.inject(new Fault.SetRate("src", 1_000)).get(30, TimeUnit.SECONDS);
        // At one message a second, 300 would take five minutes; at the new rate well under a second.
        Await.until("300 messages completed", () -> completed() >= 300, backend::latest);
        assertThat(backend.latest().conservation().holds()).isTrue();
    }

    @Test
    void aPausedConsumerLeavesTheMessagesInTheQueueAndMoreInstancesTakeThemWhenResumed() throws Exception {
        backend.start(flow(500, 20, 1, 10, 1), 7, RunLimits.INTERACTIVE);
        awaitConnected();
        backend.inject(new Fault.PauseConsumer("workers")).get(30, TimeUnit.SECONDS);
        backend.play();
        // The broker's own count: all 20 wait, none was delivered.
        Await.until("20 messages waiting", () -> node("orders").depth() == 20, backend::latest);
        assertThat(node("workers").in()).isZero();
        backend.inject(new Fault.SetInstances("workers", 3)).get(30, TimeUnit.SECONDS);
        backend.inject(new Fault.ResumeConsumer("workers")).get(30, TimeUnit.SECONDS);
        Await.until("20 completed", () -> completed() == 20, backend::latest);
        Await.until("the queue empty on the broker", () -> node("orders").depth() == 0, backend::latest);
        assertThat(backend.latest().conservation().holds()).isTrue();
    }

    /** Protected, so a backend that cannot do it yet can leave it out, saying why. */
    @Test
    protected void aCrashedInstanceGivesItsUnacknowledgedMessagesBackAndARestoredOneTakesThem() throws Exception {
        // Each held longer than the test waits: none completes, and only the crash gives them back.
        // 10 messages, no more than one SQS receive batch: the restored instance has room for what the
        // crashed one held, and does not fill up with messages no one received yet.
        backend.start(flow(1_000, 10, 1, 50, 2 * Await.BOUND.toMillis()), 7, RunLimits.INTERACTIVE);
        awaitConnected();
        backend.play();
        Await.until("a message in hand", () -> node("workers") != null && node("workers").in() >= 1,
                backend::latest);
        backend.inject(new Fault.CrashInstance("workers", 0)).get(30, TimeUnit.SECONDS);
        Await.until("the 10 back in the queue", () -> node("orders").ready() == 10, backend::latest);
        assertThat(completed()).isZero();
        backend.inject(new Fault.RestoreInstance("workers", 0)).get(30, TimeUnit.SECONDS);
        Await.until("a message redelivered", () -> node("orders").redelivered() >= 1, backend::latest);
        assertThat(backend.latest().conservation().holds()).isTrue();
    }

    /**
     * Protected, so a backend whose queue depth cannot tell them apart yet can leave it out, saying why.
     * One instance of prefetch 1 works on one message longer than the test looks (its visibility
     * timeout or ack wait longer still, so it is not delivered again): the one in hand is in flight, the
     * other nine ready, as the simulator counts them.
     */
    @Test
    protected void whatAnInstanceWorksOnIsInFlightNotReadyInTheQueue() {
        Flow flow = flow(1_000, 10, 1, 1, 2 * Await.BOUND.toMillis());
        backend.start(flow.replaceNode(flow.node("orders").orElseThrow().with("visibilityTimeout",
                Duration.ofMinutes(5))), 7, RunLimits.INTERACTIVE);
        awaitConnected();
        backend.play();
        Await.until("1 in hand, 9 ready, 1 in flight", () -> {
            Snapshot s = backend.latest();
            return s.node("workers").in() == 1 && s.node("orders").ready() == 9 && s.conservation().inFlight() == 1
                    && s.conservation().waiting() == 9;
        }, backend::latest);
    }

    @Test
    void whatTheRunCannotDoIsRefused() {
        backend.start(flow(10, 1, 1, 1, 0), 7, RunLimits.INTERACTIVE);
        awaitConnected();
        assertThatThrownBy(() -> backend.inject(new Fault.PublishOne("workers")).get(30, TimeUnit.SECONDS))
                .as("a message traced by hand").hasCauseInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> backend.inject(new Fault.CrashInstance("workers", 4)).get(30, TimeUnit.SECONDS))
                .as("an instance the consumer does not run").hasCauseInstanceOf(IllegalArgumentException.class);
        if (!playsEndpoints()) {
            assertThatThrownBy(() -> backend.inject(new Fault.EndpointDown("workers")).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(UnsupportedOperationException.class)
                    .cause().hasMessageContaining("endpoint down").hasMessageContaining("simulator");
        }
    }

    @Test
    void aBrokerThatIsDownIsOneSentenceNamingTheAddress() {
        try (RunBackend down = unreachable()) {
            down.start(flow(10, 10, 1, 1, 0), 1, RunLimits.INTERACTIVE);
            Await.until("the failure", () -> down.failure() != null, () -> "nothing");
            assertThat(down.failure().getMessage()).contains("127.0.0.1:1").contains(whatToDoWhenDown())
                    .doesNotContain("secret").doesNotContain("\n");
            assertThat(down.latest()).isNull();
            assertThat(down.isPlaying()).isFalse();
        }
    }
}
