// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.AppSettings;
import dev.pipewright.app.files.BrokerLogin;
import dev.pipewright.app.files.SqsLogin;
import dev.pipewright.brokers.Keyring;
import dev.pipewright.brokers.PrivateKeyring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Run on" with the desktop's keyring (a private secret service): a password the user asks to
 * remember is kept there and never in the settings, and a login left without a password takes it
 * from the keyring before the environment variable. Nothing here connects.
 */
class RunOnKeyringTest {
    @TempDir
    Path home;
    private PrivateKeyring session;
    private Keyring keyring;
    private final FakeDialogs dialogs = new FakeDialogs();
    private final List<String> variablesRead = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        session = PrivateKeyring.start(Files.createDirectories(home.resolve("desktop")));
        keyring = Keyring.of(session.environment());
    }

    @AfterEach
    void stop() {
        session.close();
    }

    private RunOn runOn(AppSettings settings) {
        return new RunOn(dialogs, settings, name -> {
            variablesRead.add(name);
            return null;
        }, keyring);
    }

    @Test
    void aRememberedPasswordIsKeptInTheKeyringNotTheSettingsAndUsedWhenNoneIsTyped() throws Exception {
        AppSettings settings = new AppSettings(new AppHome(home.resolve("app")));
        dialogs.logins.add(new BrokerLogin("tcp://127.0.0.1:1883", "sensor", "s3cret-kept", "", true));
        Optional<RunOn.Target> first = runOn(settings).open(RunOn.Place.MQTT);
        assertThat(first).isPresent();
        first.get().backend().close();

        assertThat(dialogs.keyringOffered).containsExactly(true);
        assertThat(keyring.password("MQTT", "tcp://127.0.0.1:1883", "sensor")).contains("s3cret-kept");
        try (var files = Files.walk(home.resolve("app"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("s3cret-kept");
            }
        }

        // Next time the password field is left empty: the keyring answers, the environment is not asked.
        dialogs.logins.add(new BrokerLogin("tcp://127.0.0.1:1883", "sensor", "", "", false));
        Optional<RunOn.Target> second = runOn(settings).open(RunOn.Place.MQTT);
        assertThat(second).isPresent();
        second.get().backend().close();
        assertThat(second.get().address()).isEqualTo("tcp://sensor:****@127.0.0.1:1883");
        assertThat(variablesRead).isEmpty();
    }

    @Test
    void aLoginTheKeyringDoesNotKnowTakesThePasswordFromTheEnvironment() {
        dialogs.logins.add(new BrokerLogin("amqp://127.0.0.1:5672/%2F", "nobody-kept", "", ""));
        Optional<RunOn.Target> target = runOn(null).open(RunOn.Place.RABBITMQ);
        assertThat(target).isPresent();
        target.get().backend().close();
        assertThat(variablesRead).containsExactly("PIPEWRIGHT_RABBITMQ_PASSWORD");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void withoutAKeyringTheBoxIsNotOffered() {
        dialogs.logins.add(new BrokerLogin("tcp://127.0.0.1:1883", "sensor", "pw"));
        Optional<RunOn.Target> target = new RunOn(dialogs, null, name -> null, Keyring.none()).open(RunOn.Place.MQTT);
        assertThat(target).isPresent();
        target.get().backend().close();
        assertThat(dialogs.keyringOffered).containsExactly(false);
    }

    @Test
    void aRememberedSqsSecretIsKeptInTheKeyringNotTheSettingsAndUsedWhenNoneIsTyped() throws Exception {
        AppSettings settings = new AppSettings(new AppHome(home.resolve("app")));
        dialogs.sqsLogins.add(new SqsLogin("http://127.0.0.1:9324", "eu-west-1", "AKIAKEPT", "s3cret-kept", true));
        Optional<RunOn.Target> first = runOn(settings).open(RunOn.Place.SQS);
        assertThat(first).isPresent();
        first.get().backend().close();

        assertThat(dialogs.keyringOffered).containsExactly(true);
        assertThat(keyring.password("SQS", "http://127.0.0.1:9324", "AKIAKEPT")).contains("s3cret-kept");
        try (var files = Files.walk(home.resolve("app"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("s3cret-kept");
            }
        }

        // Next time the secret is left empty and the environment has none: the keyring's is used.
        dialogs.sqsLogins.add(new SqsLogin("http://127.0.0.1:9324", "eu-west-1", "AKIAKEPT", ""));
        Optional<RunOn.Target> second = runOn(settings).open(RunOn.Place.SQS);
        assertThat(second).isPresent();
        second.get().backend().close();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void anSqsKeyIdTheKeyringDoesNotKnowStillNeedsItsSecretAndTheSecretIsNotKeptUnlessAsked() {
        dialogs.sqsLogins.add(new SqsLogin("http://127.0.0.1:9324", "eu-west-1", "AKIAOTHER", ""));
        Optional<RunOn.Target> none = runOn(null).open(RunOn.Place.SQS);
        assertThat(none).as("cancelled after the error").isEmpty();
        assertThat(dialogs.errors).singleElement().asString().contains("AKIAOTHER", "secret");

        dialogs.sqsLogins.add(new SqsLogin("http://127.0.0.1:9324", "eu-west-1", "AKIAOTHER", "typed-not-kept"));
        Optional<RunOn.Target> typed = runOn(null).open(RunOn.Place.SQS);
        assertThat(typed).isPresent();
        typed.get().backend().close();
        assertThat(keyring.password("SQS", "http://127.0.0.1:9324", "AKIAOTHER")).isEmpty();
    }
}
