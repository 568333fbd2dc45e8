// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.AppSettings;
import dev.pipewright.app.files.BrokerLogin;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Run on MQTT at…": the address and user are asked, remembered and read; nothing here connects. */
class RunOnMqttTest {
    @TempDir
    Path home;
    private final FakeDialogs dialogs = new FakeDialogs();

    @Test
    void anAddressAndUserMakeAnMqttBackendAndAreRemembered() {
        AppSettings settings = new AppSettings(new AppHome(home));
        dialogs.logins.add(new BrokerLogin("tcp://127.0.0.1:1883", "sensor", "pw"));
        Optional<RunOn.Target> target = new RunOn(dialogs, settings, name -> null).open(RunOn.Place.MQTT);
        assertThat(target).isPresent();
        target.get().backend().close();
        assertThat(target.get().backend().name()).isEqualTo("mqtt");
        assertThat(target.get().address()).isEqualTo("tcp://sensor:****@127.0.0.1:1883");
        assertThat(settings.text(RunOn.MQTT_URL_KEY, "")).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(settings.text(RunOn.MQTT_USER_KEY, "")).isEqualTo("sensor");
        assertThat(dialogs.caFilesOffered).as("no CA file for MQTT").containsExactly((String) null);
    }

    @Test
    void anAddressThatIsNotMqttIsOneSentenceAndTheQuestionIsAskedAgain() {
        dialogs.logins.add(new BrokerLogin("amqp://127.0.0.1:5672", "", ""));
        dialogs.login = null; // then cancels
        assertThat(new RunOn(dialogs, null, name -> null).open(RunOn.Place.MQTT)).isEmpty();
        assertThat(dialogs.errors).singleElement().asString().startsWith("Run on MQTT: ")
                .contains("tcp://host:port").doesNotContain("\n");
    }
}
