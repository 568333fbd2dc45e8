// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --to rabbitmq --vhost V}: a name RabbitMQ would not take is refused in words, and nothing is written. */
class ExportVhostOptionTest {
    @TempDir
    Path dir;

    private String flow;

    @BeforeEach
    void writeFlow() throws IOException {
        flow = TestFlows.write(dir, "p2p.flow.json", TestFlows.pointToPoint()).toString();
    }

    @Test
    void theDefaultVhostIsTheRootOne() {
        CliRun run = CliRun.of("export", flow, "--to", "rabbitmq");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"vhosts\": [\n    {\n      \"name\": \"/\"");
    }

    @Test
    void anEmptyVhostIsRefused() {
        Path out = dir.resolve("defs.json");
        CliRun run = CliRun.of("export", flow, "--to", "rabbitmq", "--vhost", "", "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(PipewrightCli.EXIT_UNUSABLE_INPUT);
        assertThat(run.err()).isEqualTo("pipewright export: --vhost: the virtual host name is empty; name one, e.g."
                + " --vhost /" + System.lineSeparator());
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aVhostWithAControlCharacterIsRefusedAndNotPrintedRaw() {
        CliRun run = CliRun.of("export", flow, "--to", "rabbitmq", "--vhost", "shop\u001b[2J");
        assertThat(run.exitCode()).isEqualTo(PipewrightCli.EXIT_UNUSABLE_INPUT);
        assertThat(run.err()).contains("--vhost: the virtual host name 'shop\\u001b[2J' holds a control or invisible character")
                .doesNotContain("\u001b");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aVhostOver255BytesIsRefused() {
        CliRun run = CliRun.of("export", flow, "--to", "rabbitmq", "--vhost", "\u00e9".repeat(128));
        assertThat(run.exitCode()).isEqualTo(PipewrightCli.EXIT_UNUSABLE_INPUT);
        assertThat(run.err()).contains("256 bytes long in UTF-8; RabbitMQ takes at most 255");
    }
}
