// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * The RabbitMQ the tests compare the simulator with: 127.0.0.1:5672, guest/guest. Where none is
 * reachable a test is skipped with a message, unless PIPEWRIGHT_REQUIRE_BROKERS=1 (set on CI),
 * where it fails.
 */
final class LocalRabbitMq {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5672;

    private LocalRabbitMq() {
    }

    static Connection connect() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(HOST);
        f.setPort(PORT);
        f.setConnectionTimeout(5_000);
        try {
            return f.newConnection("pipewright-tests");
        } catch (Exception e) {
            String why = "no RabbitMQ at amqp://" + HOST + ":" + PORT + " (" + e.getMessage()
                    + "); start one with `rabbitmq-server -detached`";
            if ("1".equals(System.getenv("PIPEWRIGHT_REQUIRE_BROKERS"))) {
                fail(why + "; PIPEWRIGHT_REQUIRE_BROKERS=1 makes this a failure");
            }
            assumeTrue(false, why + "; skipped");
            throw new AssertionError(why);
        }
    }
}
