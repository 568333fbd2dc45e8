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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Run on RabbitMQ at…" with a CA certificate file: an {@code amqps://} address trusts it, the
 * path is remembered like the address, and a file that cannot be read is said in one sentence
 * naming it, with the question asked again. Nothing here connects.
 */
class RunOnTlsTest {
    @TempDir
    Path home;
    private final FakeDialogs dialogs = new FakeDialogs();

    private static Path caFile() throws URISyntaxException {
        return Path.of(RunOnTlsTest.class.getResource("test-ca.pem").toURI());
    }

    private RunOn runOn(AppSettings settings) {
        return new RunOn(dialogs, settings, name -> null);
    }

    @Test
    void anAmqpsAddressWithACaFileBuildsATargetAndTheFileIsRemembered() throws Exception {
        AppSettings settings = new AppSettings(new AppHome(home));
        String ca = caFile().toString();
        dialogs.logins.add(new BrokerLogin("amqps://127.0.0.1:5671/%2F", "guest", "pw", ca));
        Optional<RunOn.Target> target = runOn(settings).open(RunOn.Place.RABBITMQ);
        assertThat(target).isPresent();
        target.get().backend().close();
        assertThat(target.get().address()).startsWith("amqps://guest:****@127.0.0.1:5671");
        assertThat(dialogs.errors).isEmpty();
        assertThat(settings.text(RunOn.RABBITMQ_CA_KEY, "")).isEqualTo(ca);
        // The next question offers it again.
        dialogs.logins.add(new BrokerLogin("amqps://127.0.0.1:5671/%2F", "guest", "pw", ca));
        runOn(new AppSettings(new AppHome(home))).open(RunOn.Place.RABBITMQ).orElseThrow().backend().close();
        assertThat(dialogs.caFilesOffered).containsExactly("", ca);
    }

    @Test
    void aMissingCaFileIsOneSentenceNamingItAndTheQuestionIsAskedAgain() {
        AppSettings settings = new AppSettings(new AppHome(home));
        String missing = home.resolve("no-such-ca.pem").toString();
        dialogs.logins.add(new BrokerLogin("amqps://127.0.0.1:5671/%2F", "guest", "", missing));
        dialogs.login = null; // then cancels
        assertThat(runOn(settings).open(RunOn.Place.RABBITMQ)).isEmpty();
        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.getFirst()).startsWith("Run on RabbitMQ: ").contains("'" + missing + "'")
                .doesNotContain("\n").doesNotContain("Exception:");
        assertThat(dialogs.caFilesOffered).as("asked again with what was typed").containsExactly("", missing);
        assertThat(settings.text(RunOn.RABBITMQ_CA_KEY, "unset")).as("nothing remembered").isEqualTo("unset");
    }

    @Test
    void aFileThatHoldsNoCertificateIsSaidNamingIt() throws Exception {
        Path notPem = Files.writeString(home.resolve("not.pem"), "hello");
        dialogs.logins.add(new BrokerLogin("amqps://127.0.0.1:5671/%2F", "guest", "", notPem.toString()));
        assertThat(runOn(null).open(RunOn.Place.RABBITMQ)).isEmpty();
        assertThat(dialogs.errors).singleElement().asString().contains(notPem.toString());
    }

    @Test
    void aCaFileWithAPlainAddressIsSaid() throws Exception {
        dialogs.logins.add(new BrokerLogin("amqp://127.0.0.1:5672/%2F", "guest", "", caFile().toString()));
        assertThat(runOn(null).open(RunOn.Place.RABBITMQ)).isEmpty();
        assertThat(dialogs.errors).singleElement().asString().startsWith("Run on RabbitMQ: ").doesNotContain("\n");
    }

    @Test
    void artemisIsNotOfferedACaFile() {
        assertThat(runOn(null).open(RunOn.Place.ARTEMIS)).isEmpty();
        assertThat(dialogs.caFilesOffered).containsExactly((String) null);
    }
}
