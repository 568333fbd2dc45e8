// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipewright.brokers.live.Await;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live MQTT run against a broker that refuses the login: a second Mosquitto started here on a
 * free port with a password file and {@code allow_anonymous false}. Skipped when {@code mosquitto}
 * and {@code mosquitto_passwd} are not on the PATH (failed under PIPEWRIGHT_REQUIRE_BROKERS=1).
 */
class MqttRefusedLoginTest {
    private static final String USER = "app";
    private static final String PASSWORD = "right-pw-7";
    @TempDir
    static Path dir;
    private static Process mosquitto;
    private static int port;

    private static Path onPath(String name) {
        for (String folder : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            Path p = Path.of(folder.isEmpty() ? "." : folder, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @BeforeAll
    static void startMosquittoWithAPasswordFile() throws Exception {
        Path server = onPath("mosquitto");
        Path passwd = onPath("mosquitto_passwd");
        if (server == null || passwd == null) {
            String why = "mosquitto and mosquitto_passwd are not on the PATH (apt-get install mosquitto)";
            if ("1".equals(System.getenv("PIPEWRIGHT_REQUIRE_BROKERS"))) {
                fail(why + "; PIPEWRIGHT_REQUIRE_BROKERS=1 makes this a failure");
            }
            assumeTrue(false, why + "; skipped");
        }
        Path passwords = dir.resolve("passwords");
        Process p = new ProcessBuilder(passwd.toString(), "-b", "-c", passwords.toString(), USER, PASSWORD)
                .redirectErrorStream(true).redirectOutput(dir.resolve("passwd.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("mosquitto_passwd ended").isTrue();
        assertThat(p.exitValue()).as("mosquitto_passwd: " + Files.readString(dir.resolve("passwd.log"))).isZero();
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        // Started as root, Mosquitto would run as user mosquitto, which cannot read this test's own folder.
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous false\npassword_file " + passwords
                + "\npersistence false\nuser " + System.getProperty("user.name") + "\n");
        mosquitto = new ProcessBuilder(server.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        Await.until("the second Mosquitto listening on " + port, () -> listening() || !mosquitto.isAlive(),
                () -> "not yet listening");
        assertThat(mosquitto.isAlive()).as("the second Mosquitto runs: " + log()).isTrue();
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @AfterAll
    static void stopMosquitto() throws InterruptedException {
        if (mosquitto != null) {
            mosquitto.destroy();
            mosquitto.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Flow flow() {
        return new Flow(new FlowInfo("mqtt", "", Broker.MQTT), List.of(
                Source.of("src", "src", Position.ORIGIN).with("rate", 10.0).with("messageLimit", 5L)
                        .with("routingKeys", List.of("a/b")),
                Topic.of("t", "t", Position.ORIGIN), Queue.of("session", "session", Position.ORIGIN),
                Consumer.of("worker", "worker", Position.ORIGIN)),
                List.of(Edge.of("e0", "src", Port.OUT, "t"), new Edge("e1", "t", Port.OUT, "session", "a/#", java.util.Map.of()),
                        Edge.of("e2", "session", Port.OUT, "worker")));
    }

    private static Throwable failureWith(String password) {
        try (RunBackend b = new MqttBackend(MqttTarget.parse("tcp://" + USER + "@127.0.0.1:" + port, password))) {
            b.start(flow(), 1, RunLimits.INTERACTIVE);
            Await.until("connected or refused", () -> b.latest() != null || b.failure() != null, () -> "nothing yet");
            return b.failure();
        }
    }

    @Test
    void aRefusedLoginIsOneSentenceNamingTheAddressAndUserWithoutThePassword() {
        Throwable refused = failureWith("wrong-pw-3");
        assertThat(refused).isNotNull();
        assertThat(refused.getMessage())
                .startsWith("MQTT broker at tcp://" + USER + ":****@127.0.0.1:" + port)
                .contains("refused the login of user '" + USER + "'").contains("check the user and password")
                .doesNotContain("wrong-pw-3").doesNotContain("\n");
        // The same broker takes the right password: the refusal was the login's.
        assertThat(failureWith(PASSWORD)).isNull();
    }
}
