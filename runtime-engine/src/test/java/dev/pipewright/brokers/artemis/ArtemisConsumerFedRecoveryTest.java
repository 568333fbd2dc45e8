// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException;
import org.apache.activemq.artemis.api.core.Interceptor;
import org.apache.activemq.artemis.core.protocol.core.impl.PacketImpl;
import org.apache.activemq.artemis.core.protocol.core.impl.wireformat.SessionSendMessage;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A consumer feeding an aggregator held in its client, on an embedded Artemis whose server drops
 * the commit of the transaction holding the first aggregate and fails that connection: the server
 * never had the commit, so the input that completed the group comes again, and what the
 * aggregator made of it the first time is sent in the new transaction. The aggregator takes each
 * input once, nothing is lost and the figures are the simulator's for an input lost and
 * delivered again.
 */
class ArtemisConsumerFedRecoveryTest {
    private ArtemisLiveRun run;

    @AfterEach
    void close() {
        if (run != null) {
            run.close();
        }
    }

    private static Node reader(String id) {
        return Consumer.of(id, id, Position.ORIGIN).with("prefetch", 1)
                .with("processingTime", Distribution.constant(Duration.ofMillis(1)));
    }

    /** Twelve messages, one every 10 ms -> in -> worker -> aggregator of five (1 s timeout) -> out -> writer. */
    private static Flow flow() {
        Node src = Source.of("src", "src", Position.ORIGIN).with("rate", 100.0).with("arrival", Source.Arrival.CONSTANT)
                .with("messageLimit", 12L).with("confirms", true).with("payloadTemplate", "{\"kwh\": ${seq}}");
        Node agg = Processor.of("agg", "agg", Position.ORIGIN).with("variant", Processor.Variant.AGGREGATOR)
                .with("batchSize", 5).with("timeout", Duration.ofSeconds(1));
        return new Flow(new FlowInfo("Consumer-fed aggregator", "", Broker.ARTEMIS), List.of(src, Queue.of("in", "in",
                Position.ORIGIN), reader("worker"), agg, Queue.of("out", "out", Position.ORIGIN), reader("writer")),
                List.of(Edge.of("e1", "src", Port.OUT, "in"), Edge.of("e2", "in", Port.OUT, "worker"),
                        Edge.of("e3", "worker", Port.OUT, "agg"), Edge.of("e4", "agg", Port.OUT, "out"),
                        Edge.of("e5", "out", Port.OUT, "writer")));
    }

    /**
     * Makes the server drop the first commit on the connection that sent a message {@code sent}
     * takes, and fail that connection: the server never sees the commit, so the transaction rolls
     * back with the connection. True, once it did.
     */
    private AtomicBoolean dropCommitAfter(Predicate<SessionSendMessage> sent) {
        AtomicReference<RemotingConnection> sending = new AtomicReference<>();
        AtomicBoolean cut = new AtomicBoolean();
        run.embedded().server().getRemotingService().addIncomingInterceptor((Interceptor) (packet, connection) -> {
            if (cut.get()) {
                return true;
            }
            if (packet instanceof SessionSendMessage send && sent.test(send)) {
                sending.compareAndSet(null, connection);
            } else if (packet.getType() == PacketImpl.SESS_COMMIT && connection == sending.get()
                    && cut.compareAndSet(false, true)) {
                Thread.ofPlatform().daemon().start(() -> connection.fail(new ActiveMQNotConnectedException("cut by the test")));
                return false;
            }
            return true;
        });
        return cut;
    }

    @Test
    void anAggregateWhoseCommitALostConnectionTookIsSentOnceTheInputComesAgain() throws Exception {
        Flow flow = flow();
        run = ArtemisLiveRun.declare(flow, ArtemisTarget.parse("embedded", null));
        // The first aggregate, in the worker's transaction.
        AtomicBoolean cut = dropCommitAfter(send -> "agg-1".equals(String.valueOf(send.getMessage()
                .getStringProperty(ArtemisLiveRun.ID_PROPERTY))));

        Snapshot live = run.run(42, Duration.ofSeconds(30));
        assertThat(cut).as("the test dropped the commit of the first aggregate").isTrue();
        Simulation simulation = Simulation.create(flow, 42);
        simulation.runUntil(30);
        Snapshot sim = simulation.snapshot();
        assertThat(live.node("in").redelivered()).as("the input that completed the first group came again").isEqualTo(1);
        for (String id : List.of("agg", "out", "writer")) {
            assertThat(live.node(id).in()).as("in of %s", id).isEqualTo(sim.node(id).in());
            assertThat(live.node(id).out()).as("out of %s", id).isEqualTo(sim.node(id).out());
            assertThat(live.node(id).dropped()).as("dropped of %s", id).isEqualTo(sim.node(id).dropped());
        }
        assertThat(live.node("agg").in()).isEqualTo(12);
        assertThat(live.node("writer").in()).as("three aggregates, none lost").isEqualTo(3);
        assertThat(live.conservation()).isEqualTo(sim.conservation());
        assertThat(live.conservation().holds()).as(live.conservation().toString()).isTrue();
    }

    /**
     * Between a consumer's onward send and its acknowledgement: the server drops the commit of the
     * transaction holding the worker's first copy to "stock" (read by nobody) and fails that
     * connection. The transaction makes it all or nothing: the copy goes with it, the input comes
     * again and is passed on then, so "stock" holds one copy a message, as the simulator's.
     */
    @Test
    void aCopyWhoseCommitALostConnectionTookIsSentOnceTheInputComesAgain() throws Exception {
        Flow flow = new Flow(new FlowInfo("Commit lost", "", Broker.ARTEMIS), List.of(Source.of("src", "src", Position.ORIGIN)
                .with("rate", 100.0).with("arrival", Source.Arrival.CONSTANT).with("messageLimit", 12L).with("confirms", true),
                Queue.of("in", "in", Position.ORIGIN), reader("worker"), Queue.of("stock", "stock", Position.ORIGIN)),
                List.of(Edge.of("e1", "src", Port.OUT, "in"), Edge.of("e2", "in", Port.OUT, "worker"),
                        Edge.of("e3", "worker", Port.OUT, "stock")));
        run = ArtemisLiveRun.declare(flow, ArtemisTarget.parse("embedded", null));
        // The worker's first copy, in its transaction.
        AtomicBoolean cut = dropCommitAfter(send -> String.valueOf(send.getMessage().getAddress()).equals("stock"));

        Snapshot live = run.run(42, Duration.ofSeconds(20));
        assertThat(cut).as("the test dropped the commit of the first copy").isTrue();
        Simulation simulation = Simulation.create(flow, 42);
        simulation.runUntil(20);
        Snapshot sim = simulation.snapshot();
        assertThat(live.node("in").redelivered()).as("the input whose commit was lost came again").isEqualTo(1);
        assertThat(run.embedded().server().locateQueue("stock").getMessageCount()).as("what the server holds").isEqualTo(12);
        assertThat(live.node("stock").in()).isEqualTo(sim.node("stock").in()).isEqualTo(12);
        assertThat(live.conservation()).isEqualTo(sim.conservation());
        assertThat(live.conservation().holds()).as(live.conservation().toString()).isTrue();
    }
}
