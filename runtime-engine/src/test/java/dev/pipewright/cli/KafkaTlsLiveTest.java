// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static dev.pipewright.cli.ReportNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.brokers.TestCa;
import dev.pipewright.brokers.kafka.KafkaTarget;
import dev.pipewright.brokers.kafka.KraftCluster;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipewright deploy --kafka-tls} against real TLS listeners: an in-process KRaft cluster
 * whose broker shows a certificate for 127.0.0.1 and localhost signed by a CA made for the test
 * ({@link TestCa}) on an SSL listener and on a SASL_SSL one with a PLAIN user, and one for
 * another name on a third ({@link KraftCluster#tlsListeners}). Trusting the CA (PEM or DER) with
 * {@code --tls-ca}, a flow runs with the simulator's counts, over SSL and, logged in, over
 * SASL_SSL; without it, to the listener of another name, speaking plain text to a TLS port or TLS
 * to the plain one, it is one sentence naming the address and what to do.
 */
class KafkaTlsLiveTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String USER = "alice";
    private static final String PASSWORD = "alice-secret";
    /** A bound for a run that cannot reach the cluster, well above the admin client's 5 s and the probe's 6 s. */
    private static final int BOUND_S = 60;
    private static final List<String> LAW = List.of("produced", "completed", "deadLettered", "dropped", "waiting", "inFlight");

    private static Path certificates;
    private static TestCa ca;
    private static KafkaClusterTestKit cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startTlsCluster() throws Exception {
        certificates = Files.createTempDirectory("pw-kafka-tls");
        ca = TestCa.in(certificates);
        Path keystore = ca.serverKeystore("broker", "ip:127.0.0.1,dns:localhost");
        Path elsewhere = ca.serverKeystore("elsewhere", "dns:elsewhere.example");
        cluster = KraftCluster.start(KraftCluster.tlsListeners(keystore, elsewhere, TestCa.PASSWORD, USER, PASSWORD));
    }

    @AfterAll
    static void stopTlsCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (certificates != null) {
            try (var files = Files.walk(certificates)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** 20 records at 100/s on two partitions, one member of 5 ms committing after each. */
    private static Flow twenty() {
        return new Flow(new FlowInfo("tls", "", Broker.KAFKA), List.of(
                Source.of("src", "src", Position.ORIGIN).with("rate", 100.0).with("arrival", Source.Arrival.CONSTANT)
                        .with("messageLimit", 20L),
                Queue.of("jobs", "jobs", Position.ORIGIN).with("partitions", 2),
                Consumer.of("worker", "worker", Position.ORIGIN).with("prefetch", 1)
                        .with("ackMode", Consumer.AckMode.MANUAL)
                        .with("processingTime", Distribution.constant(Duration.ofMillis(5)))),
                List.of(Edge.of("e0", "src", Port.OUT, "jobs"), Edge.of("e1", "jobs", Port.OUT, "worker")));
    }

    private static String at(String listener) {
        return "127.0.0.1:" + KraftCluster.port(cluster, listener);
    }

    private List<String> deployArgs(String servers, String... more) throws Exception {
        Path flow = TestFlows.write(dir, "tls.flow.json", twenty());
        List<String> args = new ArrayList<>(List.of("deploy", flow.toString(), "--kafka", servers, "--run", "60s",
                "--report", "json", "--teardown"));
        args.addAll(List.of(more));
        return args;
    }

    /** The live report has the simulator's counts for the worker and its conservation law. */
    private void assertRanAsSimulated(CliRun live) throws Exception {
        assertThat(live.exitCode()).as(live.err()).isZero();
        CliRun simRun = CliRun.of("run", dir.resolve("tls.flow.json").toString(), "--duration", "60s", "--report", "json");
        assertThat(simRun.exitCode()).as(simRun.err()).isZero();
        JsonNode l = MAPPER.readTree(live.out());
        JsonNode s = MAPPER.readTree(simRun.out());
        assertThat(l.path("conservation").path("completed").asLong()).as(l.toString()).isEqualTo(20);
        assertThat(l.path("conservation").path("holds").asBoolean()).as(l.path("conservation").toString()).isTrue();
        for (String field : LAW) {
            assertThat(l.path("conservation").path(field).asLong()).as(field)
                    .isEqualTo(s.path("conservation").path(field).asLong());
        }
        for (String figure : List.of("in", "out", "depth")) {
            assertThat(node(l, "jobs").path(figure).asLong()).as(figure).isEqualTo(node(s, "jobs").path(figure).asLong());
        }
        assertThat(node(l, "worker").path("count").asLong()).isEqualTo(node(s, "worker").path("count").asLong());
    }

    private static String sentence(CliRun run) {
        return OneSentence.of(run, PASSWORD);
    }

    @Test
    void overSslTrustingTheCaTheFlowRunsAsSimulated() throws Exception {
        assertRanAsSimulated(CliRun.of(deployArgs(at(KraftCluster.SSL), "--kafka-tls", "--tls-ca",
                ca.caPem().toString()).toArray(String[]::new)));
    }

    @Test
    void withoutTheCaTheCertificateIsNotTrustedInOneSentence() throws Exception {
        String said = sentence(CliRun.of(deployArgs(at(KraftCluster.SSL), "--kafka-tls").toArray(String[]::new)));
        assertThat(said).isEqualTo("Kafka at " + at(KraftCluster.SSL) + " showed a TLS certificate that is not trusted"
                + " while creating the topics; give the PEM file of the CA certificate that signed it (--tls-ca FILE;"
                + " in the app, the CA certificate of Kafka at\u2026)");
    }

    @Test
    void aCertificateForAnotherNameIsOneSentence() throws Exception {
        String said = sentence(CliRun.of(deployArgs(at(KraftCluster.OTHER_NAME), "--tls-ca", ca.caPem().toString())
                .toArray(String[]::new)));
        assertThat(said).isEqualTo("Kafka at " + at(KraftCluster.OTHER_NAME) + " showed a TLS certificate made out"
                + " for another host name than the one connected to while creating the topics; connect by a name the"
                + " certificate holds");
    }

    @Test
    @Timeout(BOUND_S) // the sentence comes after the admin client's 5 s and the TLS probe's at most 6 s
    void plainTextToTheTlsPortIsOneSentenceWithinTheTimeout() throws Exception {
        String said = sentence(CliRun.of(deployArgs(at(KraftCluster.SSL)).toArray(String[]::new)));
        assertThat(said).isEqualTo("Kafka at " + at(KraftCluster.SSL) + " speaks only TLS: nothing answered in plain"
                + " text within 5 s while creating the topics; connect over TLS (--kafka-tls; in the app, Use TLS in"
                + " Kafka at\u2026)");
    }

    @Test
    @Timeout(BOUND_S)
    void tlsToThePlainPortIsOneSentence() throws Exception {
        String plain = cluster.bootstrapServers();
        String said = sentence(CliRun.of(deployArgs(plain, "--tls-ca", ca.caPem().toString()).toArray(String[]::new)));
        assertThat(said).contains(plain).contains("no TLS connection could be made").contains("without TLS");
    }

    @Test
    void aCaCertificateInDerFormIsTrustedAsWell() throws Exception {
        // The JDK reads DER as well as PEM, so --tls-ca took it, and then Kafka's PEM trust store refused it.
        Path der = dir.resolve("ca.der");
        Files.write(der, java.util.Base64.getMimeDecoder().decode(Files.readString(ca.caPem())
                .replaceAll("-----[A-Z ]+-----", "")));
        assertRanAsSimulated(CliRun.of(deployArgs(at(KraftCluster.SSL), "--tls-ca", der.toString())
                .toArray(String[]::new)));
    }

    @Test
    void overSaslSslTheUserLogsInAndTheFlowRuns() throws Exception {
        assertRanAsSimulated(CliRun.process(dir, Map.of(KafkaTarget.PASSWORD_VARIABLE, PASSWORD),
                deployArgs(at(KraftCluster.SASL_SSL), "--kafka-user", USER, "--tls-ca", ca.caPem().toString())
                        .toArray(String[]::new)));
    }
}
