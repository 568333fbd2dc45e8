// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --broker} on run and check, and {@code check --target}. */
class BrokerOptionsTest {
    @TempDir
    Path dir;

    /** Point to point with a delivery limit on a classic queue: RabbitMQ has no such thing. */
    private Path limitedFlow() throws IOException {
        Flow p2p = TestFlows.pointToPoint();
        List<Node> nodes = p2p.nodes().stream()
                .map(n -> n.id().equals("orders") ? n.with("deliveryLimit", 3) : n).toList();
        return TestFlows.write(dir, "limited.flow.json", new Flow(p2p.info(), nodes, p2p.edges()));
    }

    @Test
    void checkTargetSaysWhereRabbitMqDiffers() throws IOException {
        Path file = limitedFlow();
        assertThat(CliRun.of("check", file.toString()).out()).doesNotContain("classic queue");
        CliRun run = CliRun.of("check", "--target", "rabbitmq", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(file + ": warning: orders: queue 'Orders' has a delivery limit, but a classic"
                + " queue has none on RabbitMQ", "fix: make it a quorum queue");
    }

    @Test
    void checkBrokerUsesThatProfilesRules() throws IOException {
        CliRun run = CliRun.of("check", "--broker", "artemis", TestFlows.write(dir, "p.flow.json",
                TestFlows.pointToPoint()).toString());
        assertThat(run.out()).contains("info: orders: queue 'Orders' has no delivery limit, and Artemis then"
                + " dead-letters a message after 10 delivery attempts");
    }

    @Test
    void runBrokerSaysWhichRulesItFollowed() throws IOException {
        Path file = limitedFlow();
        CliRun text = CliRun.of("run", file.toString(), "--duration", "10s", "--broker", "rabbitmq");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).startsWith("Point to point: virtual clock, rabbitmq rules, seed 42");
        CliRun json = CliRun.of("run", file.toString(), "--duration", "10s", "--report", "json");
        assertThat(json.out()).contains("\"broker\" : \"" + Broker.GENERIC.word() + "\"");
    }

    @Test
    void anUnknownBrokerIsAUsageErrorNamingTheProfiles() throws IOException {
        CliRun run = CliRun.of("run", limitedFlow().toString(), "--broker", "kafka\u001b[2J");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the broker must be generic, rabbitmq, artemis, sqs").doesNotContain("\u001b");
    }

    @Test
    void checkTargetPubSubSaysWhatTheDesignLosesOnPubSub() throws IOException {
        Path file = limitedFlow();
        CliRun run = CliRun.of("check", "--target", "pubsub", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(file + ": warning: orders: queue 'Orders' has delivery limit 3, but Pub/Sub's"
                + " maxDeliveryAttempts is 5 to 100", "fix: choose a delivery limit from 5 to 100");
    }
}
