// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --to pubsub}: the gcloud script on standard output or in a file, the warnings on standard error. */
class ExportPubSubOptionTest {
    @TempDir
    Path dir;

    @Test
    void theScriptCreatesATopicAndSubscriptionPerQueue() throws IOException {
        String flow = TestFlows.write(dir, "p2p.flow.json", TestFlows.pointToPoint()).toString();
        CliRun run = CliRun.of("export", flow, "--to", "pubsub");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("#!/bin/sh\n").contains("set -eu\n", "gcloud pubsub topics create '",
                "gcloud pubsub subscriptions create '", "--ack-deadline=10");
        assertThat(run.err()).contains("Pub/Sub publishes only to topics");

        Path script = dir.resolve("out.sh");
        CliRun saved = CliRun.of("export", flow, "--to", "pubsub", "-o", script.toString());
        assertThat(saved.exitCode()).isZero();
        assertThat(Files.readString(script)).isEqualTo(run.out());
    }
}
