// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;

/**
 * The NATS server with JetStream the tests use: 127.0.0.1:4222, anonymous. Where none answers a
 * test is skipped with a message, unless PIPEWRIGHT_REQUIRE_BROKERS=1 (set on CI), where it fails.
 */
final class LocalNats {
    static final String URL = "nats://127.0.0.1:4222";

    private LocalNats() {
    }

    /** A connection to the local server; skips (or fails) the test when it is not there. */
    static Connection connect() {
        try {
            return Nats.connect(new Options.Builder().server(URL).connectionTimeout(Duration.ofSeconds(5))
                    .maxReconnects(0).build());
        } catch (Exception e) {
            String why = "no NATS server at " + URL + " (" + e.getMessage() + "); start one with `nats-server -js`";
            if ("1".equals(System.getenv("PIPEWRIGHT_REQUIRE_BROKERS"))) {
                fail(why + "; PIPEWRIGHT_REQUIRE_BROKERS=1 makes this a failure");
            }
            assumeTrue(false, why + "; skipped");
            throw new AssertionError(why);
        }
    }
}
