// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.brokers.live.Await;
import dev.pipewright.brokers.live.BackendReads;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NATS run that logs in: a scratch nats-server of the test's own ({@link ScratchNatsServer})
 * asking for a user and password, or a token, takes the one the target gives, and a wrong one is one sentence saying the login was refused, without the secret.
 * Skipped where no nats-server is installed.
 */
class NatsLoginTest {
    @TempDir
    Path dir;
    private ScratchNatsServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static Flow flow() {
        return new Flow(new FlowInfo("nats login", "", Broker.NATS), List.of(
                Source.of("src", "src", Position.ORIGIN).with("rate", 200.0).with("arrival", Source.Arrival.CONSTANT)
                        .with("messageLimit", 5L),
                Queue.of("jobs", "jobs", Position.ORIGIN),
                Consumer.of("worker", "worker", Position.ORIGIN).with("ackMode", Consumer.AckMode.MANUAL)),
                List.of(Edge.of("e0", "src", Port.OUT, "jobs"), Edge.of("e1", "jobs", Port.OUT, "worker")));
    }

    private void runs(NatsTarget target) {
        try (RunBackend b = new NatsBackend(target)) {
            b.start(flow(), 1, RunLimits.INTERACTIVE);
            BackendReads.awaitSetUp(b, "the streams created");
            b.play();
            Await.until("5 completed", () -> BackendReads.node(b, "worker").completed() == 5, b::latest);
        }
    }

    private String refused(NatsTarget target) {
        try (RunBackend b = new NatsBackend(target)) {
            b.start(flow(), 1, RunLimits.INTERACTIVE);
            Await.until("the failure", () -> b.failure() != null, () -> "nothing");
            return b.failure().getMessage();
        }
    }

    @Test
    void aUserAndPasswordLogInAndAWrongPasswordIsSaidWithoutIt() throws Exception {
        server = ScratchNatsServer.start(dir, "--user", "alice", "--pass", "s3cret-pass");
        String url = server.url();
        runs(NatsTarget.parse(url, "alice", "s3cret-pass"));
        assertThat(refused(NatsTarget.parse(url, "alice", "wrong-pass")))
                .startsWith("NATS server at nats://alice@127.0.0.1:" + server.port())
                .contains("refused the login").doesNotContain("wrong-pass").doesNotContain("\n");
        assertThat(NatsTarget.parse(url, "alice", "s3cret-pass").toString()).doesNotContain("s3cret");
    }

    @Test
    void aTokenAloneLogsInAndNoneIsRefused() throws Exception {
        server = ScratchNatsServer.start(dir, "--auth", "t0ken-value");
        String url = server.url();
        runs(NatsTarget.parse(url, "", "t0ken-value"));
        assertThat(refused(NatsTarget.parse(url, "", ""))).contains("refused the login");
    }
}
