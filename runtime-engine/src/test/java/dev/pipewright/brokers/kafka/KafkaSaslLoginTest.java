// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.engine.api.Snapshot;
import java.time.Duration;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real SASL/PLAIN login ({@code --kafka-user}) on an in-process KRaft cluster whose broker
 * listener is SASL_PLAINTEXT with the test kit's PLAIN users ({@link JaasUtils}): the right
 * password (of plain-user1, not a super user) runs a flow, a wrong one is one sentence naming the
 * address and not the password.
 */
class KafkaSaslLoginTest {
    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startSaslCluster() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(false)
                .setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build())
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // The kit turns on its ACL authorizer with SASL; without ACLs an ordinary user may use every topic and group.
                .setConfigProp("allow.everyone.if.no.acl.found", "true")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stopSaslCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theRightPasswordLogsInAndRunsTheFlow() throws Exception {
        KafkaTarget target = KafkaTarget.parse(cluster.bootstrapServers(), JaasUtils.KAFKA_PLAIN_USER1,
                JaasUtils.KAFKA_PLAIN_USER1_PASSWORD);
        try (KafkaLiveRun run = KafkaLiveRun.declare(KafkaBackendTest.flow(100, 10, 1, 1), target)) {
            Snapshot s = run.run(1, Duration.ofSeconds(60));
            assertThat(s.node("worker").completed()).isEqualTo(10);
            assertThat(s.conservation().holds()).isTrue();
            run.teardown();
        }
    }

    @Test
    void aWrongPasswordIsOneSentenceNamingTheAddress() {
        KafkaTarget target = KafkaTarget.parse(cluster.bootstrapServers(), JaasUtils.KAFKA_PLAIN_USER1, "wrong");
        assertThatThrownBy(() -> KafkaLiveRun.declare(KafkaBackendTest.flow(100, 10, 1, 1), target))
                .isInstanceOf(LiveFailure.class)
                .hasMessageStartingWith("Kafka at " + JaasUtils.KAFKA_PLAIN_USER1 + "@" + cluster.bootstrapServers()
                        + " refused")
                .hasMessageContaining("Authentication failed")
                .hasMessageNotContaining("wrong")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
