// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Passwords kept in and read from a real secret service (a private one, see {@link PrivateKeyring}). */
class KeyringTest {
    private static Path home;
    private static PrivateKeyring session;
    private static Keyring keyring;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("pipewright-keyring");
        session = PrivateKeyring.start(home);
        keyring = Keyring.of(session.environment());
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void aKeptPasswordIsReadBackForItsBrokerAddressAndUserOnly() {
        assertThat(keyring.available()).isTrue();
        keyring.remember("RabbitMQ", "amqp://127.0.0.1:5672/%2F", "ops", "first");
        keyring.remember("RabbitMQ", "amqp://127.0.0.1:5672/%2F", "ops", "second");

        assertThat(keyring.password("RabbitMQ", "amqp://127.0.0.1:5672/%2F", "ops")).contains("second");
        assertThat(keyring.password("RabbitMQ", "amqp://127.0.0.1:5672/%2F", "guest")).isEmpty();
        assertThat(keyring.password("Artemis", "amqp://127.0.0.1:5672/%2F", "ops")).isEmpty();
        assertThat(keyring.password("RabbitMQ", "amqp://rabbit2:5672/%2F", "ops")).isEmpty();
    }

    @Test
    void anyPasswordComesBackAsItWasAndCanBeForgotten() {
        String odd = "pa ss\twörd;$(rm -rf ~)'\"\\ \u202e end\n";
        String address = "tcp://host:1883 --label=x; echo";
        keyring.remember("MQTT", address, "-u", odd);
        assertThat(keyring.password("MQTT", address, "-u")).contains(odd);

        keyring.forget("MQTT", address, "-u");
        assertThat(keyring.password("MQTT", address, "-u")).isEmpty();
    }

    @Test
    void withoutSecretToolThereIsNoKeyringAndKeepingSaysWhatToInstall() {
        Map<String, String> noTool = new java.util.HashMap<>(session.environment());
        noTool.put("PATH", home.toString());
        Keyring none = Keyring.of(noTool);
        assertThat(none.available()).isFalse();
        assertThat(none.password("RabbitMQ", "amqp://x", "u")).isEmpty();
        assertThatThrownBy(() -> none.remember("RabbitMQ", "amqp://x", "u", "pw"))
                .hasMessageContaining("libsecret-tools").hasMessageNotContaining("pw\"");
    }

    @Test
    void withoutASessionBusThereIsNoKeyringThoughSecretToolIsInstalled() {
        Map<String, String> noBus = new java.util.HashMap<>(session.environment());
        noBus.remove("DBUS_SESSION_BUS_ADDRESS");
        noBus.put("XDG_RUNTIME_DIR", home.resolve("nothing-here").toString());
        assertThat(Keyring.of(noBus).available()).isFalse();
    }

    @Test
    void aPasswordTooLongForAKeyringIsRefusedInOneSentence() {
        String huge = "x".repeat(Keyring.MAX_BYTES + 1);
        assertThatThrownBy(() -> keyring.remember("RabbitMQ", "amqp://x", "u", huge))
                .hasMessageContaining("longer than").hasMessageNotContaining("xxxx");
    }
}
