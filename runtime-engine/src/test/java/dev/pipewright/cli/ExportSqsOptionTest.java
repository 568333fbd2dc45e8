// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --to sqs [--arn-prefix P]}: each queue's CreateQueue attributes, and a prefix that is no ARN refused in words. */
class ExportSqsOptionTest {
    @TempDir
    Path dir;

    private String flow;

    @BeforeEach
    void writeFlow() throws IOException {
        flow = TestFlows.write(dir, "p2p.flow.json", TestFlows.pointToPoint()).toString();
    }

    @Test
    void theQueuesAreWrittenWithTheirAttributes() {
        CliRun run = CliRun.of("export", flow, "--to", "sqs");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"queues\"", "\"QueueName\"", "\"VisibilityTimeout\" : \"30\"",
                "\"MessageRetentionPeriod\" : \"345600\"");
    }

    @Test
    void anArnPrefixThatIsNoArnIsRefused() {
        CliRun run = CliRun.of("export", flow, "--to", "sqs", "--arn-prefix", "eu-west-1");
        assertThat(run.exitCode()).isEqualTo(PipewrightCli.EXIT_UNUSABLE_INPUT);
        assertThat(run.err()).startsWith("pipewright export: --arn-prefix: the ARN prefix must read"
                + " arn:aws:sqs:REGION:ACCOUNT");
        assertThat(run.out()).isEmpty();
    }
}
