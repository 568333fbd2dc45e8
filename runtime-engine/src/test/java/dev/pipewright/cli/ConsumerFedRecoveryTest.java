// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.brokers.live.TcpRelay;
import dev.pipewright.model.Broker;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer feeding an aggregator held in its client, on the local RabbitMQ through a
 * {@link TcpRelay} that cuts the consumers' connection exactly as it publishes the first
 * aggregate (before the broker has a byte of it): the input that completed the group goes back
 * and is delivered again, and what the aggregator made of it the first time is published then,
 * so the figures are the simulator's for an input lost and delivered again: the aggregator takes
 * it once, nothing is lost, the conservation law holds.
 */
class ConsumerFedRecoveryTest {
    @TempDir
    Path dir;

    private RabbitAdmin admin;
    private TcpRelay relay;

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
    void anAggregatePublishCutByALostConnectionIsPublishedOnceTheInputComesAgain() throws Exception {
        admin = RabbitAdmin.connectOrSkip();
        String vhost = admin.scratchVhost();
        relay = new TcpRelay(RabbitAdmin.AMQP_PORT);
        relay.cutOnceAt("agg-1"); // the first aggregate's message id, in its basic.publish
        Path file = TestFlows.write(dir, "aggregator.flow.json", ConsumerFedFidelityTest.aggregator(Broker.RABBITMQ));
        CliRun live = CliRun.of("deploy", file.toString(), "--rabbitmq", "amqp://guest:guest@127.0.0.1:" + relay.port() + "/"
                + RabbitAdmin.segment(vhost), "--run", "30s", "--report", "json");
        assertThat(live.exitCode()).as(live.err()).isZero();
        assertThat(relay.cut()).as("the connection was cut at the first aggregate's publish").isTrue();
        JsonNode l = FidelityRuns.MAPPER.readTree(live.out());
        JsonNode s = FidelityRuns.simulate(file, Broker.RABBITMQ, "60s");
        // The input that completed the first group came twice to the worker; the aggregator took it once.
        assertThat(node(l, "in").path("redelivered").asLong()).as(node(l, "in").toString()).isEqualTo(1);
        assertThat(node(l, "worker").path("in").asLong()).isEqualTo(node(s, "worker").path("in").asLong() + 1);
        FidelityRuns.assertSameFigures(l, s, FidelityRuns.FIGURES, List.of("agg", "out", "writer"));
        assertThat(node(l, "writer").path("in").asLong()).as("three aggregates, none lost").isEqualTo(3);
        FidelityRuns.assertSameLaw(l, s);
    }

    /**
     * Between a consumer's onward confirm and its ack: the copy it passed on to "stock" (read by
     * nobody) is confirmed, and the relay cuts the consumers' connection at its first basic.ack
     * (AMQP frame size 13, class 60, method 80), before the broker has it. The input comes again:
     * the consumer counts it a duplicate and passes it on no further, so "stock" holds one copy a
     * message, as the simulator's: nothing lost, nothing twice.
     */
    @Test
    void aCopyConfirmedWhoseAckALostConnectionTookIsNotLostAndNotPassedOnTwice() throws Exception {
        admin = RabbitAdmin.connectOrSkip();
        String vhost = admin.scratchVhost();
        relay = new TcpRelay(RabbitAdmin.AMQP_PORT);
        relay.cutOnceAt(new byte[] {0, 0, 0, 13, 0, 60, 0, 80});
        dev.pipewright.model.Flow flow = new dev.pipewright.model.Flow(new dev.pipewright.model.FlowInfo("Ack lost", "",
                Broker.RABBITMQ), List.of(SourceFedHolderFidelityTest.twelve("{\"n\": ${seq}}"),
                dev.pipewright.model.Queue.of("in", "in", dev.pipewright.model.Position.ORIGIN),
                SourceFedHolderFidelityTest.reader("worker"),
                dev.pipewright.model.Queue.of("stock", "stock", dev.pipewright.model.Position.ORIGIN)),
                List.of(dev.pipewright.model.Edge.of("e1", "src", dev.pipewright.model.Port.OUT, "in"),
                        dev.pipewright.model.Edge.of("e2", "in", dev.pipewright.model.Port.OUT, "worker"),
                        dev.pipewright.model.Edge.of("e3", "worker", dev.pipewright.model.Port.OUT, "stock")));
        Path file = TestFlows.write(dir, "ack-lost.flow.json", flow);
        CliRun live = CliRun.of("deploy", file.toString(), "--rabbitmq", "amqp://guest:guest@127.0.0.1:" + relay.port() + "/"
                + RabbitAdmin.segment(vhost), "--run", "20s", "--report", "json");
        assertThat(live.exitCode()).as(live.err()).isZero();
        assertThat(relay.cut()).as("the connection was cut at the worker's first ack").isTrue();
        JsonNode l = FidelityRuns.MAPPER.readTree(live.out());
        JsonNode s = FidelityRuns.simulate(file, Broker.RABBITMQ, "20s");
        assertThat(node(l, "in").path("redelivered").asLong()).as(node(l, "in").toString()).isEqualTo(1);
        assertThat(node(l, "worker").path("duplicates").asLong()).as(node(l, "worker").toString()).isEqualTo(1);
        assertThat(node(l, "stock").path("depth").asLong()).as(node(l, "stock").toString())
                .isEqualTo(node(s, "stock").path("depth").asLong()).isEqualTo(12);
        FidelityRuns.assertSameLaw(l, s);
        try (com.rabbitmq.client.Connection c = RabbitAdmin.amqp(vhost); com.rabbitmq.client.Channel ch = c.createChannel()) {
            assertThat(ch.messageCount("stock")).as("what the broker holds").isEqualTo(12);
        }
    }
}
