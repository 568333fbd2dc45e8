// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.brokers.live.Await;
import dev.pipewright.brokers.live.BackendReads;
import dev.pipewright.brokers.live.LiveFlows;
import dev.pipewright.brokers.live.TcpRelay;
import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Flow;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive session (as the app starts it: {@link ArtemisBackend} on a server at a URL) on
 * an Artemis the test starts on TCP, through a {@link TcpRelay} that cuts the consumer's
 * connection at its next commit, mid-run: the consumer reconnects and takes messages again, and
 * the run ends with the simulator's counts, the one message whose commit was cut delivered again.
 */
class ArtemisByHandRecoveryTest {
    /**
     * A core-protocol commit (PacketImpl.SESS_COMMIT, 43): its type and the high bytes of its
     * channel id. Only a consumer's transacted session commits, so it picks the
     * consumer's connection and none of the sources' or the management's.
     */
    private static final byte[] COMMIT = {43, 0, 0, 0, 0, 0, 0, 0};

    @TempDir
    Path dir;

    private EmbeddedActiveMQ server;
    private TcpRelay relay;
    private RunBackend backend;

    @AfterEach
    void stop() throws Exception {
        if (backend != null) {
            backend.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private int startServer() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = new EmbeddedActiveMQ();
        server.setConfiguration(new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setPagingDirectory(dir.resolve("paging").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setJournalDirectory(dir.resolve("journal").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port));
        server.start();
        return port;
    }

    private long completed() {
        var n = BackendReads.node(backend, "workers");
        return n == null ? -1 : n.completed();
    }

    @Test
    void aConsumersConnectionCutMidRunByHandReconnectsAndTheRunEndsWithTheSimulatorsCounts() throws Exception {
        long messages = 300;
        Flow flow = LiveFlows.pointToPoint(100, messages, 1, 1, 1);
        relay = new TcpRelay(startServer());
        backend = new ArtemisBackend(ArtemisTarget.parse("tcp://127.0.0.1:" + relay.port(), null), false);
        backend.start(flow, 7, RunLimits.INTERACTIVE);
        BackendReads.awaitSetUp(backend, "the addresses created");
        backend.play();
        Await.until("50 messages completed", () -> completed() >= 50 || backend.failure() != null, backend::latest);
        relay.cutOnceAt(COMMIT);
        Await.until("the consumer's connection cut", relay::cut, backend::latest);
        Await.until(messages + " messages completed, or a failure",
                () -> completed() >= messages || backend.failure() != null, backend::latest);
        assertThat(backend.failure()).as("the session's failure").isNull();
        Await.until("the queue empty on the server", () -> server.getActiveMQServer().locateQueue("orders")
                .getMessageCount() == 0, backend::latest);
        backend.pause();
        Await.until("nothing in flight", () -> backend.latest().conservation().inFlight() == 0, backend::latest);
        Snapshot s = backend.latest();

        Simulation simulation = Simulation.create(flow, 7);
        simulation.runUntil(120);
        Snapshot sim = simulation.snapshot();
        assertThat(s.node("orders").in()).isEqualTo(sim.node("orders").in()).isEqualTo(messages);
        assertThat(s.node("orders").redelivered()).as("the message whose commit was cut, delivered again")
                .isLessThanOrEqualTo(1);
        assertThat(s.conservation().produced()).isEqualTo(sim.conservation().produced());
        assertThat(s.conservation().completed()).isEqualTo(sim.conservation().completed()).isEqualTo(messages);
        assertThat(s.conservation().holds()).as(s.conservation().toString()).isTrue();
        assertThat(server.getActiveMQServer().locateQueue("orders").getMessagesAdded()).as("copies the server kept")
                .isEqualTo(messages);
    }
}
