// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process KRaft cluster of one broker and one controller for live-run tests (Kafka's
 * {@code KafkaClusterTestKit}): the first rebalance at once, the offsets topic on the one broker,
 * and sessions allowed down to {@value #MIN_SESSION_MS} ms so a crashed member's timeout is short.
 * Either {@link #start()} one, or register one as a JUnit extension in a static field
 * ({@code @RegisterExtension static final KraftCluster kraft = new KraftCluster();}): a cluster
 * started before the class's tests and closed after them.
 */
public final class KraftCluster implements BeforeAllCallback, AfterAllCallback {
    /** The shortest {@code session.timeout.ms} the cluster accepts ({@code group.min.session.timeout.ms}). */
    public static final int MIN_SESSION_MS = 1_000;
    private KafkaClusterTestKit cluster;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The bootstrap servers of the cluster this extension started. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Starts a cluster and waits until its broker is ready. */
    public static KafkaClusterTestKit start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(false)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("group.min.session.timeout.ms", Integer.toString(MIN_SESSION_MS))
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster;
    }
}
