// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The NATS profile on the command line: {@code export --to nats}, {@code check --target nats} and {@code run} of the sample. */
class NatsCliTest {
    private static final String SAMPLE = "../samples/flows/nats-payments.flow.json";

    @Test
    void exportWritesTheStreamAndItsDurablePullConsumer() {
        CliRun run = CliRun.of("export", SAMPLE, "--to", "nats");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"streams\"", "\"name\" : \"payments\"", "\"retention\" : \"workqueue\"",
                "\"duplicate_window\" : 120000000000", "\"durable_name\" : \"Payment_worker\"",
                "\"ack_wait\" : 30000000000", "\"max_deliver\" : 3", "\"max_ack_pending\" : 2");
        assertThat(run.err()).contains("exported as 'Payment_worker'");
    }

    @Test
    void checkForNatsNamesWhatARabbitDesignLoses() {
        CliRun run = CliRun.of("check", "../samples/flows/dead-letter-queue.flow.json", "--target", "nats");
        assertThat(run.err() + run.out()).contains("JetStream has no dead-letter queue");
    }

    @Test
    void theSampleRunsUnderItsOwnProfile() {
        CliRun run = CliRun.of("run", SAMPLE, "--duration", "30s");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("dropped");
    }
}
