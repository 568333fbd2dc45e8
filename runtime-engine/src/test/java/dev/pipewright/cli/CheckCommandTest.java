// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    @TempDir
    Path dir;

    @Test
    void goodFlowExitsZero() throws IOException {
        Path file = TestFlows.write(dir, "good.flow.json", TestFlows.pointToPoint());
        CliRun run = CliRun.of("check", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).doesNotContain("error:");
    }

    @Test
    void flowWithErrorsExitsOneAndNamesFileSeverityAndNode() throws IOException {
        Path file = TestFlows.write(dir, "broken.flow.json", TestFlows.consumerWithoutQueue());
        CliRun run = CliRun.of("check", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("(?m)^" + java.util.regex.Pattern.quote(file.toString())
                + ": error: lonely: .+");
    }

    @Test
    void worstFileDecidesTheExitCode() throws IOException {
        Path good = TestFlows.write(dir, "good.flow.json", TestFlows.pointToPoint());
        Path broken = TestFlows.write(dir, "broken.flow.json", TestFlows.consumerWithoutQueue());
        assertThat(CliRun.of("check", good.toString(), broken.toString()).exitCode()).isEqualTo(1);
        assertThat(CliRun.of("check", broken.toString(), dir.resolve("missing.flow.json").toString()).exitCode())
                .isEqualTo(2);
    }

    @Test
    void unreadableFilesExitTwoWithOneClearLine() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.flow.json"), "");
        Path truncated = Files.writeString(dir.resolve("cut.flow.json"), "{\"format\": \"pipewright-flow\", \"nodes\": [");
        Path binary = Files.write(dir.resolve("bin.flow.json"), new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 0, 7});
        Path wrongType = Files.writeString(dir.resolve("array.flow.json"), "[1, 2, 3]");
        Path future = Files.writeString(dir.resolve("future.flow.json"),
                "{\"format\": \"pipewright-flow\", \"version\": 999, \"nodes\": [], \"edges\": []}");
        Path dangling = Files.writeString(dir.resolve("dangling.flow.json"), """
                {"format": "pipewright-flow", "version": 1,
                 "nodes": [{"type": "queue", "id": "q"}],
                 "edges": [{"id": "e1", "from": "q", "to": "nowhere"}]}
                """);
        for (Path file : new Path[] {empty, truncated, binary, wrongType, future, dangling, dir,
                                     dir.resolve("missing.flow.json")}) {
            CliRun run = CliRun.of("check", file.toString());
            assertThat(run.exitCode()).as(file.toString()).isEqualTo(2);
            assertThat(run.out()).as(file.toString()).isEmpty();
            assertOneCleanLine(run.err(), file);
        }
    }

    @Test
    void noFileIsAUsageError() {
        CliRun run = CliRun.of("check");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("FLOW");
    }

    @Test
    void checkFindsTheTemplatesARunWouldRefuseNamingNodeAndProperty() throws IOException {
        for (String template : new String[] {"${oneOf(x,1)}", "${random(-1,1)}0"}) {
            Path file = TestFlows.write(dir, "template.flow.json", TestFlows.withTemplate(template));
            CliRun run = CliRun.of("check", file.toString());
            assertThat(run.exitCode()).as(template).isEqualTo(1);
            assertThat(run.out()).as(template).containsPattern("(?m)^" + java.util.regex.Pattern.quote(file.toString())
                    + ": error: src: property 'payloadTemplate': once filled in, the template can read '.+', which is not JSON");
        }
    }

    @Test
    void namesFromTheFileReachTheTerminalWithTheirControlCharactersEscaped() throws IOException {
        Path file = TestFlows.write(dir, "esc.flow.json", TestFlows.named("Evil\u001b[31m\u202e\r\nfake: ok"));
        CliRun check = CliRun.of("check", file.toString());
        CliRun text = CliRun.of("run", file.toString(), "--duration", "10s");
        CliRun json = CliRun.of("run", file.toString(), "--duration", "10s", "--report", "json");
        for (CliRun run : new CliRun[] {check, text, json}) {
            TerminalOutput.assertNoRawControlCharacter(run.out());
            TerminalOutput.assertNoRawControlCharacter(run.err());
        }
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("Evil\\u001b[31m\\u202e\\r\\nfake: ok src (src) ")
                .doesNotContainPattern("(?m)^fake");
        // Still valid JSON, and the name is the file's, exactly.
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).get("nodes").get(0).get("name")
                .asText()).isEqualTo("Evil\u001b[31m\u202e\r\nfake: ok src");
    }

    static void assertOneCleanLine(String err, Path file) {
        assertThat(err.strip().lines()).as(err).hasSize(1);
        assertThat(err).as(err).contains(file.getFileName().toString())
                .doesNotContain("Exception").doesNotContain("at dev.").doesNotContain("at java.");
    }
}
