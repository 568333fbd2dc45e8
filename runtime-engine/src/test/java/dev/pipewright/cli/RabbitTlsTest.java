// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.brokers.TestCa;
import dev.pipewright.brokers.live.TcpRelay;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipewright deploy --rabbitmq amqps://...} through an in-test relay that ends TLS with a
 * self-signed certificate made by the JDK's keytool, in front of the local RabbitMQ's plain port
 * (so the broker needs no TLS listener): trusted with {@code --tls-ca} it runs; not trusted, or made
 * out for another name, it is one sentence.
 */
class RabbitTlsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String STORE_PASSWORD = "changeit";

    @TempDir
    Path dir;

    private RabbitAdmin admin;
    private String vhost;
    private final List<TcpRelay> relays = new ArrayList<>();

    @BeforeEach
    void scratch() throws Exception {
        admin = RabbitAdmin.connectOrSkip();
        vhost = admin.scratchVhost();
    }

    @AfterEach
    void clean() throws Exception {
        for (TcpRelay r : relays) {
            r.close();
        }
        if (admin != null) {
            admin.deleteScratch();
        }
    }

    /** A self-signed key and certificate for {@code san} (keytool's -ext SAN=...): its PKCS12 store; its PEM beside it. */
    private Path certificate(String alias, String san) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        TestCa.keytoolAsGiven("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + alias, "-ext", "SAN=" + san, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        TestCa.keytoolAsGiven("-exportcert", "-rfc", "-alias", alias, "-keystore", store.toString(), "-storepass",
                STORE_PASSWORD, "-file", dir.resolve(alias + ".pem").toString());
        return store;
    }

    /** A TLS relay to the local RabbitMQ showing the certificate in {@code store}. */
    private TcpRelay relay(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, STORE_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        TcpRelay relay = TcpRelay.tls(RabbitAdmin.AMQP_PORT, context);
        relays.add(relay);
        return relay;
    }

    private CliRun deploy(TcpRelay relay, String... more) throws Exception {
        Path flow = TestFlows.write(dir, "fixed.flow.json", DeployCommandTest.fixedCount());
        List<String> args = new ArrayList<>(List.of("deploy", flow.toString(), "--rabbitmq",
                "amqps://guest:guest@127.0.0.1:" + relay.port() + "/" + RabbitAdmin.segment(vhost), "--run", "60s",
                "--report", "json"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static String sentence(CliRun run) {
        return OneSentence.of(run, "guest:guest");
    }

    @Test
    void amqpsWithTheBrokersCaRunsTheFlow() throws Exception {
        TcpRelay relay = relay(certificate("broker", "ip:127.0.0.1,dns:localhost"));
        CliRun run = deploy(relay, "--tls-ca", dir.resolve("broker.pem").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = MAPPER.readTree(run.out());
        assertThat(report.path("conservation").path("completed").asLong()).isEqualTo(200);
        assertThat(report.path("conservation").path("holds").asBoolean()).isTrue();
        assertThat(relay.accepted()).as("the run went through the TLS relay").isPositive();
    }

    @Test
    void aCertificateNotTrustedIsOneSentenceNamingTheOption() throws Exception {
        TcpRelay relay = relay(certificate("broker", "ip:127.0.0.1"));
        certificate("other", "ip:127.0.0.1");
        assertThat(sentence(deploy(relay))).contains("127.0.0.1:" + relay.port())
                .contains("the certificate of 127.0.0.1 is not trusted; give its CA certificate with --tls-ca FILE");
        assertThat(sentence(deploy(relay, "--tls-ca", dir.resolve("other.pem").toString())))
                .contains("the certificate of 127.0.0.1 is not trusted");
    }

    @Test
    void aCertificateForAnotherHostIsOneSentence() throws Exception {
        TcpRelay relay = relay(certificate("elsewhere", "dns:elsewhere.example"));
        assertThat(sentence(deploy(relay, "--tls-ca", dir.resolve("elsewhere.pem").toString())))
                .contains("the certificate of 127.0.0.1 is made out for another host name");
    }

    @Test
    void aCaFileThatIsNoCertificateOrAUriWithoutTlsIsOneSentence() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
        Path flow = TestFlows.write(dir, "fixed.flow.json", DeployCommandTest.fixedCount());
        CliRun bad = CliRun.of("deploy", flow.toString(), "--rabbitmq", "amqps://guest@127.0.0.1:5671/%2F",
                "--tls-ca", notPem.toString());
        assertThat(sentence(bad)).startsWith("--tls-ca: ").contains("not.pem").contains("PEM");
        certificate("broker", "ip:127.0.0.1");
        CliRun plain = CliRun.of("deploy", flow.toString(), "--rabbitmq", "amqp://guest@127.0.0.1:5672/%2F",
                "--tls-ca", dir.resolve("broker.pem").toString());
        assertThat(sentence(plain)).contains("amqps://");
    }
}
