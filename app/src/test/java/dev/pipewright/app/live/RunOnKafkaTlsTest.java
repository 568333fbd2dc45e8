// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.AppSettings;
import dev.pipewright.app.files.BrokerLogin;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Run on Kafka at…" over TLS: ticking Use TLS makes the target the command line's
 * {@code --kafka-tls --tls-ca} makes, the choice and the CA file are remembered like the servers
 * (the password never), and a CA file that cannot be read is said in one sentence naming it, with
 * the question asked again as typed. Nothing here connects.
 */
class RunOnKafkaTlsTest {
    @TempDir
    Path home;
    private final FakeDialogs dialogs = new FakeDialogs();

    private static Path caFile() throws URISyntaxException {
        return Path.of(RunOnKafkaTlsTest.class.getResource("test-ca.pem").toURI());
    }

    private RunOn runOn(AppSettings settings) {
        return new RunOn(dialogs, settings, name -> null);
    }

    @Test
    void useTlsWithACaFileRunsOverTlsAndBothAreRememberedWithoutThePassword() throws Exception {
        AppSettings settings = new AppSettings(new AppHome(home));
        String ca = caFile().toString();
        dialogs.logins.add(new BrokerLogin("127.0.0.1:9093", "alice", "s3cret-pass", ca, false, true));
        RunOn.Target target = runOn(settings).open(RunOn.Place.KAFKA).orElseThrow();
        target.backend().close();
        assertThat(target.address()).isEqualTo("Kafka at alice@127.0.0.1:9093 over TLS");
        assertThat(dialogs.errors).isEmpty();
        assertThat(settings.flag(RunOn.KAFKA_TLS_KEY, false)).isTrue();
        assertThat(settings.text(RunOn.KAFKA_CA_KEY, "")).isEqualTo(ca);
        // The next question offers both again, as a fresh app reads them from its settings.
        dialogs.logins.add(new BrokerLogin("127.0.0.1:9093", "alice", "", ca, false, false));
        RunOn.Target plain = runOn(new AppSettings(new AppHome(home))).open(RunOn.Place.KAFKA).orElseThrow();
        plain.backend().close();
        assertThat(dialogs.kafkaTlsOffered).containsExactly("false ", "true " + ca);
        // Unticked, the same CA file is kept for next time but the clients connect in plain text.
        assertThat(plain.address()).isEqualTo("Kafka at alice@127.0.0.1:9093");
        assertThat(new AppSettings(new AppHome(home)).flag(RunOn.KAFKA_TLS_KEY, true)).isFalse();
        try (var files = Files.walk(home)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(p)).as(p.toString()).doesNotContain("s3cret");
            }
        }
    }

    @Test
    void useTlsWithoutACaFileTrustsJavasAuthorities() {
        dialogs.logins.add(new BrokerLogin("k1:9093", "", "", "", false, true));
        RunOn.Target target = runOn(null).open(RunOn.Place.KAFKA).orElseThrow();
        target.backend().close();
        assertThat(target.address()).isEqualTo("Kafka at k1:9093 over TLS");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void anUnreadableCaFileIsOneSentenceNamingItAndTheQuestionIsAskedAgainAsTyped() {
        AppSettings settings = new AppSettings(new AppHome(home));
        String missing = home.resolve("no-such-ca.pem").toString();
        dialogs.logins.add(new BrokerLogin("127.0.0.1:9093", "", "", missing, false, true));
        dialogs.login = null; // then cancels
        assertThat(runOn(settings).open(RunOn.Place.KAFKA)).isEmpty();
        assertThat(dialogs.errors).singleElement().asString().startsWith("Run on Kafka: ")
                .contains("'" + missing + "'").contains("give a readable PEM file").doesNotContain("\n");
        assertThat(dialogs.kafkaTlsOffered).as("asked again with what was typed").containsExactly("false ",
                "true " + missing);
        assertThat(settings.text(RunOn.KAFKA_CA_KEY, "unset")).as("nothing remembered").isEqualTo("unset");
    }

    @Test
    void aFileThatHoldsNoCertificateIsSaidNamingIt() throws Exception {
        Path notPem = Files.writeString(home.resolve("not.pem"), "hello");
        dialogs.logins.add(new BrokerLogin("127.0.0.1:9093", "", "", notPem.toString(), false, true));
        assertThat(runOn(null).open(RunOn.Place.KAFKA)).isEmpty();
        assertThat(dialogs.errors).singleElement().asString().contains(notPem.toString())
                .contains("no X.509 certificate");
    }
}
