// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.brokers.kafka.KafkaTarget;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code deploy --kafka}'s address and what it says when no Kafka is there; no broker needed. */
class DeployKafkaOptionTest {
    private static final String SAMPLE = "../samples/flows/kafka-orders.flow.json";

    @Test
    void bootstrapServersAreHostPortPairs() {
        assertThat(KafkaTarget.parse("127.0.0.1:9092").bootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(KafkaTarget.parse("a.example:9092, b.example:9093").bootstrap()).isEqualTo("a.example:9092,b.example:9093");
        for (String bad : new String[] {"", "127.0.0.1", "kafka://127.0.0.1:9092", "user:pw@host:9092", "h:0", "h:70000",
            "h:9092,", "h\u001b[2J:9092"}) {
            assertThatThrownBy(() -> KafkaTarget.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("\u001b");
        }
    }

    @Test
    void aBadAddressIsAnOptionError() {
        CliRun run = CliRun.of("deploy", SAMPLE, "--kafka", "kafka://127.0.0.1:9092");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("--kafka: ").contains("host:port");
    }

    @Test
    void noBrokerAtTheAddressIsOneSentenceNamingIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.of("deploy", Path.of(SAMPLE).toString(), "--kafka", "127.0.0.1:" + port);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("127.0.0.1:" + port).contains("no Kafka broker answered")
                .contains("give --kafka the address of a running one").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    @Test
    void aKafkaUserWithAnotherBrokerIsAnOptionError() {
        CliRun run = CliRun.of("deploy", SAMPLE, "--mqtt", "tcp://127.0.0.1:1", "--kafka-user", "alice");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("--kafka-user: ").contains("--kafka");
    }
}
