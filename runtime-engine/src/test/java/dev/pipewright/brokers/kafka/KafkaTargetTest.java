// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/** The SASL/PLAIN login of a Kafka target: in the clients' configuration as Kafka reads it, never in its text. */
class KafkaTargetTest {
    @Test
    void withoutAUserTheClientsConnectInPlainText() {
        KafkaTarget t = KafkaTarget.parse("127.0.0.1:9092", "", "ignored");
        assertThat(t.clientConfig()).containsOnlyKeys("bootstrap.servers");
        assertThat(t.password()).isEmpty();
        assertThat(t).hasToString("127.0.0.1:9092");
    }

    @Test
    void aUserLogsInWithSaslPlainAndKafkaReadsTheQuotedPasswordBack() {
        String secret = "s3cr\"et\\pass";
        KafkaTarget t = KafkaTarget.parse("k1:9092,k2:9092", " alice ", secret);
        assertThat(t.clientConfig()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "PLAIN");
        // Kafka's own JAAS parser gives back exactly the user and password typed.
        JaasContext jaas = JaasContext.loadClientContext(Map.of("sasl.jaas.config",
                new Password((String) t.clientConfig().get("sasl.jaas.config"))));
        AppConfigurationEntry entry = jaas.configurationEntries().getFirst();
        Map<String, ?> options = entry.getOptions();
        assertThat(options.get("username")).isEqualTo("alice");
        assertThat(options.get("password")).isEqualTo(secret);
        assertThat(t.toString()).isEqualTo("alice@k1:9092,k2:9092").doesNotContain("s3cr");
    }

    @Test
    void aControlCharacterInTheLoginIsRefusedInWords() {
        assertThatThrownBy(() -> KafkaTarget.parse("127.0.0.1:9092", "al\nice", "x"))
                .hasMessage("the Kafka user name has a control character; type it again");
        assertThatThrownBy(() -> KafkaTarget.parse("127.0.0.1:9092", "alice", "x\u0007"))
                .hasMessage("the Kafka password has a control character; type it again");
    }

    @Test
    void noBrokerAnsweringSaysWhatToDoInTheCallersWords() {
        KafkaTarget t = KafkaTarget.parse("127.0.0.1:1");
        assertThat(t.describe(new java.util.concurrent.TimeoutException(), "connecting"))
                .isEqualTo("no Kafka broker answered at 127.0.0.1:1 within 5 s while connecting; start one there or give"
                        + " the address of a running one");
        KafkaTarget cli = t.whenUnanswered("start one there or give --kafka the address of a running one");
        assertThat(cli.describe(new java.util.concurrent.ExecutionException(
                new org.apache.kafka.common.errors.TimeoutException("t")), "creating the topics"))
                .endsWith("while creating the topics; start one there or give --kafka the address of a running one");
        assertThat(cli).isEqualTo(new KafkaTarget("127.0.0.1:1", "", "",
                "start one there or give --kafka the address of a running one")).hasToString("127.0.0.1:1");
    }

    @Test
    void theKeyringKeysServersStrippedLowerCasedWithoutDuplicatesAndSorted() {
        assertThat(KafkaTarget.keyringAddress(" Broker-B:9092 , broker-a:9092,BROKER-A:9092 "))
                .isEqualTo("broker-a:9092,broker-b:9092");
        assertThat(KafkaTarget.keyringAddress("[::1]:9092")).isEqualTo("[::1]:9092");
        assertThat(KafkaTarget.keyringAddress(" not a server ")).as("kept as typed, stripped").isEqualTo("not a server");
    }

    @Test
    void overTlsTheClientsUseSaslSslOrSslTrustingTheGivenPemOrTheJdksCas(@org.junit.jupiter.api.io.TempDir
                                                                          java.nio.file.Path dir) throws Exception {
        KafkaTarget jdk = KafkaTarget.parse("k1:9093", "alice", "secret").overTls(null);
        assertThat(jdk.clientConfig()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN").doesNotContainKeys("ssl.truststore.location");
        assertThat(KafkaTarget.parse("k1:9093").overTls(null).clientConfig())
                .containsEntry("security.protocol", "SSL").doesNotContainKey("sasl.jaas.config");
        assertThat(jdk.whenUnanswered("do this").tls()).as("kept by whenUnanswered").isTrue();

        java.nio.file.Path store = dir.resolve("k.p12");
        java.nio.file.Path pem = dir.resolve("ca.pem");
        dev.pipewright.brokers.TestCa.keytoolAsGiven("-genkeypair", "-alias", "k", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=k", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        dev.pipewright.brokers.TestCa.keytoolAsGiven("-exportcert", "-rfc", "-alias", "k", "-keystore",
                store.toString(), "-storepass", "changeit", "-file", pem.toString());
        assertThat(KafkaTarget.parse("k1:9093", "alice", "secret").overTls(pem).clientConfig())
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("ssl.truststore.type", "PEM")
                .doesNotContainKey("ssl.truststore.location")
                .containsEntry("ssl.truststore.certificates", java.nio.file.Files.readString(pem).replace("\r", ""));

        java.nio.file.Path notPem = java.nio.file.Files.writeString(dir.resolve("not.pem"), "hello");
        assertThatThrownBy(() -> KafkaTarget.parse("k1:9093").overTls(notPem))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(notPem.toString())
                .hasMessageContaining("no X.509 certificate");
        assertThatThrownBy(() -> KafkaTarget.parse("k1:9093").overTls(dir.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read the CA certificate file");
    }
}
