// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.brokers.Keyring;
import dev.pipewright.brokers.PrivateKeyring;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy} takes the password the app remembered in the desktop keyring (a private secret
 * service, {@link PrivateKeyring}) when the URI holds none, in the app's order: the URI's, the
 * keyring's, the environment variable's.
 */
class DeployKeyringTest {
    private static Path home;
    private static PrivateKeyring session;
    private static Keyring keyring;

    @TempDir
    Path dir;

    private RabbitAdmin admin;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("pipewright-deploy-keyring");
        session = PrivateKeyring.start(home);
        keyring = Keyring.of(session.environment());
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    @AfterEach
    void clean() throws Exception {
        DeployCommand.keyringForTests = null;
        if (admin != null) {
            admin.deleteScratch();
        }
    }

    private static String fallback(String spec, Keyring k, Map<String, String> environment, StringWriter err) {
        return DeployPassword.fallback("RabbitMQ", spec, "guest", "PIPEWRIGHT_RABBITMQ_PASSWORD", k, environment::get,
                new PrintWriter(err, true));
    }

    @Test
    void theKeyringsPasswordForTheAddressAndUserComesBeforeTheEnvironmentsAndTheUrisBeforeBoth() {
        keyring.remember("RabbitMQ", "amqp://rabbit.example:5672/%2F", "ops@eu", "from-keyring");
        keyring.remember("RabbitMQ", "amqp://rabbit.example:5672/%2F", "guest", "guest-from-keyring");
        Map<String, String> env = Map.of("PIPEWRIGHT_RABBITMQ_PASSWORD", "from-environment");
        StringWriter err = new StringWriter();

        // The user as the app's address field writes it (ops%40eu), the keyring's entry as the app keeps it (ops@eu).
        assertThat(fallback("amqp://ops%40eu@rabbit.example:5672/%2F", keyring, env, err)).isEqualTo("from-keyring");
        assertThat(fallback("amqp://rabbit.example:5672/%2F", keyring, env, err)).as("no user: the client's guest")
                .isEqualTo("guest-from-keyring");
        assertThat(fallback("amqp://nobody@rabbit.example:5672/%2F", keyring, env, err)).isEqualTo("from-environment");
        assertThat(fallback("amqp://ops%40eu@rabbit2:5672/%2F", keyring, env, err)).isEqualTo("from-environment");
        // A password in the URI is the target's; what is given here is not the keyring's.
        assertThat(fallback("amqp://ops%40eu:typed@rabbit.example:5672/%2F", keyring, env, err))
                .isEqualTo("from-environment");
        assertThat(DeployPassword.fallback("Artemis", "tcp://ops%40eu@rabbit.example:5672/%2F", "", "V", keyring,
                name -> null, new PrintWriter(err, true))).as("another broker's entry").isNull();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aKeyringThatDoesNotAnswerIsOneNoteAndTheEnvironmentsPasswordIsUsed() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path tool = bin.resolve("secret-tool");
        Files.writeString(tool, "#!/bin/sh\necho 'Cannot autolaunch D-Bus without X11 \u001b[31m' >&2\nexit 3\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> broken = new HashMap<>(session.environment());
        broken.put("PATH", bin.toString());
        StringWriter err = new StringWriter();

        String password = fallback("amqp://ops@rabbit.example:5672/%2F", Keyring.of(broken),
                Map.of("PIPEWRIGHT_RABBITMQ_PASSWORD", "from-environment"), err);
        assertThat(password).isEqualTo("from-environment");
        assertThat(err.toString().strip().lines()).singleElement().satisfies(line -> assertThat(line)
                .contains("keyring gave no password", "Cannot autolaunch D-Bus", "PIPEWRIGHT_RABBITMQ_PASSWORD")
                .doesNotContain("\u001b"));
    }

    @Test
    void kafkasPasswordIsTheKeyringsForTheServersAndUserAsTheAppKeepsItThenTheEnvironments() {
        // As the app's "Kafka at…" keeps it: broker Kafka, the bootstrap servers as typed, the SASL user.
        keyring.remember("Kafka", "k1:9092,k2:9092", "alice", "kafka-from-keyring");
        Map<String, String> env = Map.of("PIPEWRIGHT_KAFKA_PASSWORD", "kafka-from-environment");
        StringWriter err = new StringWriter();
        PrintWriter errs = new PrintWriter(err, true);

        assertThat(DeployPassword.kafka(" k1:9092,k2:9092 ", " alice ", keyring, env::get, errs))
                .isEqualTo("kafka-from-keyring");
        assertThat(DeployPassword.kafka("k1:9092,k2:9092", "bob", keyring, env::get, errs))
                .isEqualTo("kafka-from-environment");
        assertThat(DeployPassword.kafka("k3:9092", "alice", keyring, env::get, errs)).isEqualTo("kafka-from-environment");
        assertThat(DeployPassword.kafka("k1:9092,k2:9092", null, keyring, env::get, errs)).as("no user, no login")
                .isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void kafkasServersAreOneKeyringEntryHoweverTheyAreTyped() {
        // The app now keeps them as KafkaTarget.keyringAddress keys them: stripped, hosts lower-cased, sorted.
        keyring.remember("Kafka", dev.pipewright.brokers.kafka.KafkaTarget.keyringAddress("Broker-B:9092, broker-a:9092"),
                "carol", "carol-from-keyring");
        // An entry kept before, under the servers as typed, is still found.
        keyring.remember("Kafka", "Old-B:9092,old-a:9092", "dave", "dave-from-keyring");
        Map<String, String> env = Map.of("PIPEWRIGHT_KAFKA_PASSWORD", "kafka-from-environment");
        StringWriter err = new StringWriter();
        PrintWriter errs = new PrintWriter(err, true);

        assertThat(DeployPassword.kafka("broker-a:9092,broker-b:9092", "carol", keyring, env::get, errs))
                .isEqualTo("carol-from-keyring");
        assertThat(DeployPassword.kafka("BROKER-B:9092,broker-a:9092,broker-a:9092", "carol", keyring, env::get, errs))
                .isEqualTo("carol-from-keyring");
        assertThat(DeployPassword.kafka(" Old-B:9092,old-a:9092 ", "dave", keyring, env::get, errs))
                .isEqualTo("dave-from-keyring");
        assertThat(DeployPassword.kafka("broker-a:9093,broker-b:9092", "carol", keyring, env::get, errs))
                .as("another port is another cluster").isEqualTo("kafka-from-environment");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void deployKafkaUserSaysTheUserAndNeverTheKeyringsPassword() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String password = "kept-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        keyring.remember("Kafka", "127.0.0.1:" + port, "alice", password);
        DeployCommand.keyringForTests = keyring;

        CliRun run = CliRun.of("deploy", "../samples/flows/kafka-orders.flow.json", "--kafka", "127.0.0.1:" + port,
                "--kafka-user", "alice");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("alice@127.0.0.1:" + port, "no Kafka broker answered", "give --kafka");
        assertThat(run.out() + run.err()).doesNotContain(password);
    }

    @Test
    void sqsSecretKeyIsTheKeyringsForTheEndpointAndKeyIdAsTheAppKeepsItBeforeTheEnvironments() {
        // As the app's "SQS at…" keeps it: broker SQS, the endpoint URL as typed, the access key id.
        keyring.remember("SQS", "https://sqs.eu-west-1.amazonaws.com", "AKIDEXAMPLE", "sqs-from-keyring");
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "sqs-from-environment");
        StringWriter err = new StringWriter();
        PrintWriter errs = new PrintWriter(err, true);

        assertThat(DeployPassword.sqsSecretKey(" https://sqs.eu-west-1.amazonaws.com ", env::get, keyring, errs))
                .contains("sqs-from-keyring");
        assertThat(DeployPassword.sqsSecretKey("https://sqs.us-east-2.amazonaws.com", env::get, keyring, errs))
                .as("another endpoint: AWS_SECRET_ACCESS_KEY").isEmpty();
        assertThat(DeployPassword.sqsSecretKey("https://sqs.eu-west-1.amazonaws.com",
                Map.of("AWS_ACCESS_KEY_ID", "AKIDOTHER")::get, keyring, errs)).as("another key id").isEmpty();
        assertThat(DeployPassword.sqsSecretKey("https://sqs.eu-west-1.amazonaws.com", name -> null, keyring, errs))
                .as("no key id: the dummy pair").isEmpty();
        assertThat(DeployPassword.sqsSecretKey("embedded", env::get, keyring, errs)).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aKeyringThatDoesNotAnswerForSqsIsOneNoteNamingTheVariable() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path tool = bin.resolve("secret-tool");
        Files.writeString(tool, "#!/bin/sh\necho 'locked' >&2\nexit 3\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> broken = new HashMap<>(session.environment());
        broken.put("PATH", bin.toString());
        StringWriter err = new StringWriter();

        assertThat(DeployPassword.sqsSecretKey("http://127.0.0.1:9324", Map.of("AWS_ACCESS_KEY_ID", "AKID")::get,
                Keyring.of(broken), new PrintWriter(err, true))).isEmpty();
        assertThat(err.toString().strip().lines()).singleElement().satisfies(line -> assertThat(line)
                .contains("keyring gave no secret key", "locked", "AWS_SECRET_ACCESS_KEY"));
    }

    @Test
    void deployLogsInWithThePasswordTheKeyringKeepsForTheUriWithoutOne() throws Exception {
        admin = RabbitAdmin.connectOrSkip();
        String vhost = admin.scratchVhost();
        String password = "kept-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        String user = admin.scratchUser(password, vhost, ".*", ".*", ".*");
        String address = "amqp://127.0.0.1:5672/" + RabbitAdmin.segment(vhost);
        String uri = "amqp://" + user + "@127.0.0.1:5672/" + RabbitAdmin.segment(vhost);
        Path flow = TestFlows.write(dir, "fixed.flow.json", DeployCommandTest.fixedCount());
        DeployCommand.keyringForTests = keyring;

        CliRun refused = CliRun.of("deploy", flow.toString(), "--rabbitmq", uri, "--run", "30s", "--teardown");
        assertThat(refused.exitCode()).as("nothing kept yet: " + refused.err()).isEqualTo(2);
        assertThat(refused.err()).contains("refused the login");

        keyring.remember("RabbitMQ", address, user, password);
        CliRun run = CliRun.of("deploy", flow.toString(), "--rabbitmq", uri, "--run", "30s", "--teardown");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("workers");
        assertThat(run.out() + run.err()).doesNotContain(password);
    }
}
