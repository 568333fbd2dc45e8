// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT broker the tests compare the simulator with: Mosquitto at 127.0.0.1:1883, anonymous.
 * Where none answers a test is skipped with a message, unless PIPEWRIGHT_REQUIRE_BROKERS=1 (set on
 * CI), where it fails.
 */
final class LocalMosquitto {
    static final String URL = "tcp://127.0.0.1:1883";

    private LocalMosquitto() {
    }

    /** A connected client with a clean session; skips (or fails) the test when the broker is not there. */
    static MqttClient connect() {
        try {
            MqttClient c = new MqttClient(URL, "pw-test-" + UUID.randomUUID().toString().substring(0, 8),
                    new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setConnectionTimeout(5);
            c.connect(o);
            return c;
        } catch (Exception e) {
            String why = "no MQTT broker at " + URL + " (" + e.getMessage() + "); start one with `mosquitto -d`";
            if ("1".equals(System.getenv("PIPEWRIGHT_REQUIRE_BROKERS"))) {
                fail(why + "; PIPEWRIGHT_REQUIRE_BROKERS=1 makes this a failure");
            }
            assumeTrue(false, why + "; skipped");
            throw new AssertionError(why);
        }
    }

    /** Skips (or fails) the test when the broker is not there. */
    static void requireIt() throws Exception {
        MqttClient c = connect();
        c.disconnect();
        c.close();
    }
}
