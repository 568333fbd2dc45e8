// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.network.ListenerName;
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
 * started before the class's tests and closed after them. {@link #start(Map)} with {@link
 * #tlsListeners} gives the broker TLS listeners besides the kit's plain one (which the kit takes
 * for itself), since the kit's own broker listener can only be PLAINTEXT or SASL_PLAINTEXT.
 */
public final class KraftCluster implements BeforeAllCallback, AfterAllCallback {
    /** The shortest {@code session.timeout.ms} the cluster accepts ({@code group.min.session.timeout.ms}). */
    public static final int MIN_SESSION_MS = 1_000;
    /** The listener of {@link #tlsListeners} that speaks TLS (security protocol SSL). */
    public static final String SSL = "SSL";
    /** The listener of {@link #tlsListeners} that takes a SASL/PLAIN login over TLS (SASL_SSL). */
    public static final String SASL_SSL = "SASL_SSL";
    /** The listener of {@link #tlsListeners} that speaks TLS with a certificate made out for other names. */
    public static final String OTHER_NAME = "OTHER_NAME";
    /** The kit numbers brokers from 0 (and controllers from 3000). */
    private static final int BROKER_ID = 0;
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
        return start(Map.of());
    }

    /**
     * Starts a cluster whose broker also has {@code brokerSettings} (the kit's per-server
     * properties, laid over its own, so they may replace its listeners) and waits until the broker
     * is ready.
     */
    public static KafkaClusterTestKit start(Map<String, String> brokerSettings) throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(false)
                .setNumBrokerNodes(1).setNumControllerNodes(1).setPerServerProperties(Map.of(BROKER_ID, brokerSettings))
                .build())
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

    /**
     * The broker settings for three TLS listeners on ephemeral ports besides the kit's plain one
     * (EXTERNAL, which the kit reads its bootstrap servers from and the brokers talk over): {@link
     * #SSL}, and {@link #SASL_SSL} where {@code user} logs in with SASL/PLAIN and {@code password},
     * both showing the key and certificate chain in the PKCS12 {@code keystore}; and {@link
     * #OTHER_NAME}, SSL showing {@code otherNameKeystore}'s (a certificate for other names). None asks
     * for a client certificate. Their ports: {@link #port}.
     */
    public static Map<String, String> tlsListeners(Path keystore, Path otherNameKeystore, String storePassword,
                                                   String user, String password) {
        return Map.of(
                "listeners", "EXTERNAL://localhost:0," + SSL + "://localhost:0," + SASL_SSL + "://localhost:0,"
                        + OTHER_NAME + "://localhost:0",
                "listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + SSL + ":SSL,"
                        + SASL_SSL + ":SASL_SSL," + OTHER_NAME + ":SSL",
                "ssl.keystore.type", "PKCS12",
                "ssl.keystore.location", keystore.toString(),
                "ssl.keystore.password", storePassword,
                "ssl.key.password", storePassword,
                "listener.name.other_name.ssl.keystore.location", otherNameKeystore.toString(),
                "listener.name.sasl_ssl.sasl.enabled.mechanisms", "PLAIN",
                "listener.name.sasl_ssl.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + user + "=\"" + password + "\";");
    }

    /** The port the broker of {@code cluster} listens on for {@code listener} (e.g. {@link #SSL}). */
    public static int port(KafkaClusterTestKit cluster, String listener) {
        return cluster.brokers().get(BROKER_ID).boundPort(ListenerName.normalised(listener));
    }
}
