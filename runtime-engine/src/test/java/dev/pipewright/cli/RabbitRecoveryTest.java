// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.brokers.live.Await;
import dev.pipewright.brokers.live.LiveFlows;
import dev.pipewright.brokers.live.TcpRelay;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipewright deploy} on the local RabbitMQ through a {@link TcpRelay} that cuts every
 * connection mid-run: the consumers' connection recovers, the sources reconnect and publish again
 * what was not confirmed, and the report reconciles with the simulator's.
 */
class RabbitRecoveryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern LOST = Pattern.compile(
            "was lost (\\d+) times? and recovered; (\\d+) messages? (?:was|were) delivered twice \\(at-least-once\\)");

    @TempDir
    Path dir;

    private RabbitAdmin admin;
    private String vhost;
    private TcpRelay relay;

    @BeforeEach
    void scratch() throws Exception {
        admin = RabbitAdmin.connectOrSkip();
        vhost = admin.scratchVhost();
        relay = new TcpRelay(RabbitAdmin.AMQP_PORT);
    }

    @AfterEach
    void clean() throws Exception {
        if (relay != null) {
            relay.close();
        }
        if (admin != null) {
            admin.deleteScratch();
        }
    }

    @Test
    void aConnectionLostMidRunRecoversAndTheReportReconcilesWithTheSimulator() throws Exception {
        long messages = 2_000;
        Path flow = TestFlows.write(dir, "p2p.flow.json", LiveFlows.pointToPoint(400, messages, 2, 20, 2));
        String uri = "amqp://guest:guest@127.0.0.1:" + relay.port() + "/" + RabbitAdmin.segment(vhost);
        CompletableFuture<CliRun> deploy = CompletableFuture.supplyAsync(() -> CliRun.of("deploy", flow.toString(),
                "--rabbitmq", uri, "--run", "60s", "--report", "json"));
        // Mid-run: both connections open and deliveries flowing to the consumers.
        Await.until("deliveries through the relay", () -> relay.accepted() >= 2 && relay.bytesToClients() > 30_000
                || deploy.isDone(), relay::bytesToClients);
        assertThat(deploy).isNotDone();
        relay.dropAll();
        CliRun live = deploy.join();
        assertThat(live.exitCode()).as(live.err()).isZero();
        assertThat(relay.accepted()).as("connections opened again").isGreaterThanOrEqualTo(3);
        Matcher said = LOST.matcher(live.err());
        assertThat(said.find()).as(live.err()).isTrue();
        assertThat(Integer.parseInt(said.group(1))).isPositive();
        assertThat(live.err().lines().filter(line -> !line.contains(": info: "))).as(live.err()).hasSize(1);

        JsonNode l = MAPPER.readTree(live.out());
        CliRun sim = CliRun.of("run", flow.toString(), "--duration", "120s", "--report", "json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        JsonNode s = MAPPER.readTree(sim.out());
        // Nothing lost: every message arrived once in the queue and was completed once.
        assertThat(node(l, "orders").path("in").asLong()).isEqualTo(node(s, "orders").path("in").asLong())
                .isEqualTo(messages);
        assertThat(node(l, "orders").path("depth").asLong()).isZero();
        assertThat(node(l, "workers").path("duplicates").asLong()).as("duplicates counted")
                .isEqualTo(Long.parseLong(said.group(2)));
        for (String field : List.of("produced", "completed", "deadLettered", "dropped", "waiting", "inFlight")) {
            assertThat(l.path("conservation").path(field).asLong()).as(field + " in " + l.path("conservation"))
                    .isEqualTo(s.path("conservation").path(field).asLong());
        }
        assertThat(l.path("conservation").path("holds").asBoolean()).isTrue();
        // What the broker itself says: the queue is empty.
        try (com.rabbitmq.client.Connection c = RabbitAdmin.amqp(vhost); com.rabbitmq.client.Channel ch = c.createChannel()) {
            assertThat(ch.messageCount("orders")).isZero();
        }
    }

}
