// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.brokers.live.TcpRelay;
import dev.pipewright.model.Broker;
import java.nio.file.Path;
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
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
        CliRun sim = CliRun.of("run", file.toString(), "--broker", Broker.RABBITMQ.word(), "--duration", "60s", "--report",
                "json");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        JsonNode l = MAPPER.readTree(live.out());
        JsonNode s = MAPPER.readTree(sim.out());
        // The input that completed the first group came twice to the worker; the aggregator took it once.
        assertThat(node(l, "in").path("redelivered").asLong()).as(node(l, "in").toString()).isEqualTo(1);
        assertThat(node(l, "worker").path("in").asLong()).isEqualTo(node(s, "worker").path("in").asLong() + 1);
        for (String id : new String[] {"agg", "out", "writer"}) {
            for (String figure : LiveAgainstSimulator.FIGURES) {
                assertThat(node(l, id).path(figure).asLong()).as("%s of %s (live %s, simulator %s)", figure, id, node(l, id),
                        node(s, id)).isEqualTo(node(s, id).path(figure).asLong());
            }
        }
        assertThat(node(l, "writer").path("in").asLong()).as("three aggregates, none lost").isEqualTo(3);
        for (String field : LiveAgainstSimulator.LAW) {
            assertThat(l.path("conservation").path(field).asLong()).as("conservation %s: live %s, simulator %s", field,
                    l.path("conservation"), s.path("conservation")).isEqualTo(s.path("conservation").path(field).asLong());
        }
        assertThat(l.path("conservation").path("holds").asBoolean()).as(l.path("conservation").toString()).isTrue();
    }
}
