// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.brokers.live.Await;
import dev.pipewright.brokers.live.LiveFlows;
import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Flow;
import java.time.Duration;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException;
import org.apache.activemq.artemis.api.core.Interceptor;
import org.apache.activemq.artemis.core.protocol.core.impl.PacketImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A live run on an embedded Artemis whose server fails every client connection mid-run: the
 * clients reconnect, the run goes on and its report reconciles with the simulator's.
 */
class ArtemisRecoveryTest {
    private ArtemisLiveRun run;

    @AfterEach
    void close() {
        if (run != null) {
            run.close();
        }
    }

    /** The run (seed 7, at most 120 s) on another thread, so the test can fail its connections meanwhile. */
    private CompletableFuture<Snapshot> runInBackground() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return run.run(7, Duration.ofSeconds(120));
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /** Fails each of {@code connections} on the server's side, as a lost network would. */
    private static void failAll(List<RemotingConnection> connections) {
        for (RemotingConnection c : connections) {
            c.fail(new ActiveMQNotConnectedException("failed by the test"));
        }
    }

    /**
     * Runs {@code flow} on an embedded server in the background and, once {@code progress} of its
     * queue "orders" reaches {@code atLeast} while the run still goes, fails every client
     * connection (management, consumers, sources); returns the run, which goes on.
     */
    private CompletableFuture<Snapshot> runAndFailAllOnceAt(Flow flow, String what, ToLongFunction<Queue> progress,
                                                            long atLeast) throws Exception {
        run = ArtemisLiveRun.declare(flow, ArtemisTarget.parse("embedded", null));
        ActiveMQServer server = run.embedded().server();
        CompletableFuture<Snapshot> live = runInBackground();
        Queue orders = server.locateQueue("orders");
        Await.until(what, () -> progress.applyAsLong(orders) >= atLeast || live.isDone(),
                () -> progress.applyAsLong(orders));
        assertThat(live).isNotDone();
        List<RemotingConnection> connections = List.copyOf(server.getRemotingService().getConnections());
        assertThat(connections).hasSizeGreaterThanOrEqualTo(3); // management, consumers, sources
        failAll(connections);
        return live;
    }

    @Test
    void connectionsFailedByTheServerMidRunReconnectAndTheReportReconciles() throws Exception {
        long messages = 1_000;
        Flow flow = LiveFlows.pointToPoint(400, messages, 2, 10, 2);
        Snapshot s = runAndFailAllOnceAt(flow, "messages acknowledged on the server", Queue::getMessagesAcknowledged,
                100).join();
        Queue orders = run.embedded().server().locateQueue("orders");
        assertThat(run.recovered()).as("the losses told").isPresent();
        assertThat(run.recovered().orElseThrow()).contains("and recovered");

        Simulation simulation = Simulation.create(flow, 7);
        simulation.runUntil(120);
        Snapshot sim = simulation.snapshot();
        assertThat(s.node("orders").in()).isEqualTo(sim.node("orders").in()).isEqualTo(messages);
        assertThat(s.node("orders").ready()).isZero();
        assertThat(s.conservation().produced()).isEqualTo(sim.conservation().produced());
        assertThat(s.conservation().completed()).isEqualTo(sim.conservation().completed()).isEqualTo(messages);
        assertThat(s.conservation().holds()).as(s.conservation().toString()).isTrue();
        assertThat(orders.getMessageCount()).as("what the server holds").isZero();
        assertThat(orders.getMessagesAdded()).as("copies the server kept").isEqualTo(messages);
    }

    /**
     * At the source's full speed many sends wait for their confirmation when the test fails every
     * connection: the source sends those again after the reconnection, and the server keeps one
     * copy of each (by its duplicate id), so the report counts each message once.
     * ({@link ConfirmedSendsTest} proves what is sent again, deterministically.)
     */
    @Test
    void sendsCutAtFullSpeedByLostConnectionsAreKeptOnceByTheServer() throws Exception {
        long messages = 2_000;
        Flow flow = LiveFlows.pointToPoint(10_000_000, messages, 2, 10, 0);
        Snapshot s = runAndFailAllOnceAt(flow, "messages on the server", Queue::getMessagesAdded, 200).join();
        Queue orders = run.embedded().server().locateQueue("orders");

        assertThat(orders.getMessagesAdded()).as("copies the server kept").isEqualTo(messages);
        assertThat(s.node("src").confirmed()).isEqualTo(messages);
        assertThat(s.node("src").nacked()).isZero();
        assertThat(s.node("orders").in()).isEqualTo(messages);
        // A consumer's commit whose answer the loss took is uncertain: the ledger counts it completed
        // when the message neither came again nor waits on the server. Nothing is counted twice.
        assertThat(s.conservation().completed()).isEqualTo(messages);
        assertThat(s.conservation().dropped()).isZero();
        assertThat(s.conservation().holds()).as(s.conservation().toString()).isTrue();
        assertThat(orders.getMessageCount()).as("what the server holds").isZero();
    }

    /**
     * A consumer dead-letters each message that fails (all do); the server commits the first
     * dead-lettering, and the test then drops the commit's answer and fails the connection: the
     * consumer cannot know the server did it. The ledger counts it given back until the end, when
     * the message neither came again nor waits in its queue, so it was failed and dead-lettered:
     * the report has every failure and dead letter, as the simulator's, and no more than the server holds.
     */
    @Test
    void aDeadLetteringWhoseAnswerALostConnectionTookIsCountedFromWhatTheServerHolds() throws Exception {
        long messages = 3;
        Flow p2p = LiveFlows.pointToPoint(100, messages, 1, 1, 0);
        List<Node> nodes = new ArrayList<>();
        for (Node n : p2p.nodes()) {
            nodes.add(n.id().equals("workers") ? n.with("failureRate", 1.0)
                    .with("onFailure", dev.pipewright.model.Consumer.FailureAction.DEAD_LETTER) : n);
        }
        nodes.add(DeadLetterQueue.of("dlq", "orders.dlq", Position.ORIGIN));
        List<Edge> edges = new ArrayList<>(p2p.edges());
        edges.add(Edge.of("e3", "orders", Port.DEAD_LETTER, "dlq"));
        Flow flow = new Flow(p2p.info(), nodes, edges);
        run = ArtemisLiveRun.declare(flow, ArtemisTarget.parse("embedded", null));
        ActiveMQServer server = run.embedded().server();
        AtomicReference<RemotingConnection> committing = new AtomicReference<>();
        AtomicBoolean cut = new AtomicBoolean();
        server.getRemotingService().addIncomingInterceptor((Interceptor) (packet, connection) -> {
            if (packet.getType() == PacketImpl.SESS_COMMIT && !cut.get()) {
                committing.compareAndSet(null, connection);
            }
            return true;
        });
        server.getRemotingService().addOutgoingInterceptor((Interceptor) (packet, connection) -> {
            if (packet.getType() == PacketImpl.NULL_RESPONSE && connection == committing.get() && cut.compareAndSet(false, true)) {
                // The server did the commit; its answer goes with the connection.
                Thread.ofPlatform().daemon().start(() -> connection.fail(new ActiveMQNotConnectedException("cut by the test")));
                return false;
            }
            return true;
        });

        Snapshot s = run.run(7, Duration.ofSeconds(120));
        assertThat(cut).as("the test cut a commit's answer").isTrue();
        Queue dlq = server.locateQueue("orders.dlq");
        assertThat(dlq.getMessageCount()).as("what the server's dead-letter queue holds").isEqualTo(messages);
        assertThat(server.locateQueue("orders").getMessageCount()).isZero();

        Simulation simulation = Simulation.create(flow, 7);
        simulation.runUntil(120);
        Snapshot sim = simulation.snapshot();
        assertThat(s.node("workers").failed()).isEqualTo(sim.node("workers").failed()).isEqualTo(messages);
        assertThat(s.node("orders").deadLettered()).isEqualTo(sim.node("orders").deadLettered()).isEqualTo(messages);
        assertThat(s.conservation().deadLettered()).isEqualTo(sim.conservation().deadLettered()).isEqualTo(messages);
        assertThat(s.conservation().holds()).as(s.conservation().toString()).isTrue();
    }
}
