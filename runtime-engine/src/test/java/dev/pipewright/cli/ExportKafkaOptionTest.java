// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --to kafka}: each queue's topic with its partitions, replication factor and configs. */
class ExportKafkaOptionTest {
    @TempDir
    Path dir;

    @Test
    void theTopicsAreWrittenWithTheirConfigs() throws IOException {
        String flow = TestFlows.write(dir, "p2p.flow.json", TestFlows.pointToPoint()).toString();
        CliRun run = CliRun.of("export", flow, "--to", "kafka");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"topics\"", "\"partitions\" : 1", "\"replicationFactor\" : 3",
                "\"retention.ms\" : \"604800000\"", "\"cleanup.policy\" : \"delete\"", "\"min.insync.replicas\" : \"2\"");
    }
}
