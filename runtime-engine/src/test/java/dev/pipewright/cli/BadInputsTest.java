// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad files and bad command lines, through {@code check} and {@code run} as a person would type
 * them: each ends within seconds with an exit code from 0 to 3, at most three lines of error, no
 * stack trace and no raw control character. A run stopped by a limit also prints the report so far.
 */
class BadInputsTest {
    @TempDir
    Path dir;

    /** Writes what a case needs into a folder and gives its arguments, {@code FILE} standing for its file. */
    @FunctionalInterface
    interface Setup {
        Path file(Path dir) throws IOException;
    }

    record Case(String name, Setup setup, String... args) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Setup text(String content) {
        return dir -> Files.writeString(dir.resolve("bad.flow.json"), content);
    }

    private static Setup bytes(byte[] content) {
        return dir -> Files.write(dir.resolve("bad.flow.json"), content);
    }

    private static Setup flow(String nodes, String edges) {
        return text("{\"format\": \"pipewright-flow\", \"version\": 1, \"name\": \"bad\", \"nodes\": [" + nodes
                + "], \"edges\": [" + edges + "]}");
    }

    private static final Setup GOOD = dir -> TestFlows.write(dir, "good.flow.json", TestFlows.pointToPoint());
    private static final String TO_QUEUE = "{\"id\": \"e1\", \"from\": \"s\", \"to\": \"q\"}";
    private static final String QUEUE = "{\"type\": \"queue\", \"id\": \"q\"}";

    static Stream<Case> files() {
        List<Case> cases = new ArrayList<>(List.of(
                new Case("empty", text("")),
                new Case("blank", text("  \n\t ")),
                new Case("truncated", text("{\"format\": \"pipewright-flow\", \"version\": 1, \"nodes\": [{\"type\": \"queue\", \"id")),
                new Case("binary", bytes(new byte[] {0, 1, 2, 27, (byte) 0xff, (byte) 0xfe, 0, 7, (byte) 0x9b})),
                new Case("latin-1", bytes("{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1))),
                new Case("not an object", text("[1, 2, 3]")),
                new Case("null", text("null")),
                new Case("wrong format", text("{\"format\": \"something-else\", \"version\": 1}")),
                new Case("future version", text("{\"format\": \"pipewright-flow\", \"version\": 999, \"nodes\": [], \"edges\": []}")),
                new Case("deep nesting", text("[".repeat(200_000))),
                new Case("deep nesting in a property", flow("{\"type\": \"queue\", \"id\": \"q\", \"x\": " + "[".repeat(100_000)
                        + "]".repeat(100_000) + "}", "")),
                new Case("huge rate", flow("{\"type\": \"source\", \"id\": \"s\", \"rate\": 1e999}," + QUEUE, TO_QUEUE)),
                new Case("NaN rate", flow("{\"type\": \"source\", \"id\": \"s\", \"rate\": NaN}," + QUEUE, TO_QUEUE)),
                new Case("huge whole number", flow("{\"type\": \"consumer\", \"id\": \"c\", \"instances\": 99999999999}", "")),
                new Case("rate 1e12 into a queue nobody reads", flow("{\"type\": \"source\", \"id\": \"s\", \"rate\": 1e12},"
                        + QUEUE, TO_QUEUE)),
                new Case("most instances an int holds", flow("{\"type\": \"source\", \"id\": \"s\"}," + QUEUE
                        + ", {\"type\": \"consumer\", \"id\": \"c\", \"instances\": 2147483647}",
                        TO_QUEUE + ", {\"id\": \"e2\", \"from\": \"q\", \"to\": \"c\"}")),
                new Case("template not JSON for some messages", flow("{\"type\": \"source\", \"id\": \"s\","
                        + " \"payloadTemplate\": \"${oneOf(x,1)}\"}," + QUEUE, TO_QUEUE)),
                new Case("template leading zero", flow("{\"type\": \"source\", \"id\": \"s\","
                        + " \"payloadTemplate\": \"${random(-1,1)}0\"}," + QUEUE, TO_QUEUE)),
                new Case("template bound too large", flow("{\"type\": \"source\", \"id\": \"s\","
                        + " \"payloadTemplate\": \"${random(0,99999999999999999999)}\"}," + QUEUE, TO_QUEUE)),
                new Case("control characters in a name", flow("{\"type\": \"source\", \"id\": \"s\", \"name\":"
                        + " \"\\u001b[31mred\\u202e\\u0007\\r\\n\"}," + QUEUE, TO_QUEUE)),
                new Case("control characters in a property name", flow("{\"type\": \"queue\", \"id\": \"q\","
                        + " \"\\u001b]0;owned\\u0007\": 1}", "")),
                new Case("control characters in an id", flow("{\"type\": \"queue\", \"id\": \"q\\u001b[2J\"}", "")),
                new Case("dangling edge", flow(QUEUE, "{\"id\": \"e1\", \"from\": \"q\", \"to\": \"nowhere\"}")),
                new Case("missing file", dir -> dir.resolve("missing.flow.json")),
                new Case("directory", dir -> dir),
                new Case("too large", dir -> {
                    Path big = dir.resolve("big.flow.json");
                    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
                        f.setLength(17L * 1024 * 1024);
                    }
                    return big;
                })));
        if (Files.exists(Path.of("/dev/zero"))) {
            cases.add(new Case("endless device", dir -> Path.of("/dev/zero")));
        }
        return cases.stream();
    }

    static Stream<Case> commandLines() {
        return Stream.of(
                new Case("nothing", GOOD),
                new Case("unknown command", GOOD, "frobnicate", "FILE"),
                new Case("options before the command", GOOD, "--duration", "1m", "FILE"),
                new Case("flow file without a command", GOOD, "FILE"),
                new Case("run without a file", GOOD, "run"),
                new Case("check without a file", GOOD, "check"),
                new Case("unknown option", GOOD, "run", "FILE", "--frob"),
                new Case("two flow files for run", GOOD, "run", "FILE", "FILE"),
                new Case("seed not a number", GOOD, "run", "FILE", "--seed", "abc"),
                new Case("seed too large", GOOD, "run", "FILE", "--seed", "99999999999999999999"),
                new Case("option without its value", GOOD, "run", "FILE", "--seed"),
                new Case("option twice", GOOD, "run", "FILE", "--seed", "1", "--seed", "2"),
                new Case("duration without unit", GOOD, "run", "FILE", "--duration", "60"),
                new Case("duration too long", GOOD, "run", "FILE", "--duration", "999999999999d"),
                new Case("negative speed", GOOD, "run", "FILE", "--clock", "paced", "--speed", "-1"),
                new Case("assertion with Infinity", GOOD, "run", "FILE", "--assert", "orders.count == 1e999"),
                new Case("assertion on no node", GOOD, "run", "FILE", "--assert", "nowhere.count == 0"),
                new Case("assertion that fails", GOOD, "run", "FILE", "--duration", "10s", "--assert", "orders.count == 0"),
                new Case("control characters in arguments", GOOD, "run", "FILE", "--assert", "\u001b[31m\u202e.count == 0"),
                new Case("control characters in a file name", dir -> dir.resolve("x\u001b[2J\u202e.flow.json"), "check", "FILE"),
                new Case("message limit", dir -> TestFlows.write(dir, "fast.flow.json", TestFlows.fastSourceNobodyReads()),
                        "run", "FILE", "--duration", "1h", "--max-messages", "100000"),
                new Case("event limit", GOOD, "run", "FILE", "--duration", "1h", "--max-events", "1000", "--report", "json"));
    }

    @ParameterizedTest(name = "check {0}")
    @MethodSource("files")
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void checkOfABadFile(Case c) throws IOException {
        assertEndsCleanly(c.setup().file(dir), "check", "FILE");
    }

    @ParameterizedTest(name = "run {0}")
    @MethodSource("files")
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void runOfABadFile(Case c) throws IOException {
        assertEndsCleanly(c.setup().file(dir), "run", "FILE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBadCommandLine(Case c) throws IOException {
        assertEndsCleanly(c.setup().file(dir), c.args());
    }

    private static void assertEndsCleanly(Path file, String... template) {
        String[] args = Stream.of(template).map(a -> a.equals("FILE") ? file.toString() : a).toArray(String[]::new);
        CliRun run = CliRun.of(args);
        String all = run.out() + run.err();
        assertThat(run.exitCode()).as(all).isBetween(0, 3);
        assertThat(all).doesNotContain("Exception", "\tat ", "Error:", "JsonReadFeature", "For input string");
        TerminalOutput.assertNoRawControlCharacter(all);
        assertThat(run.err().lines().count()).as(run.err()).isLessThanOrEqualTo(3);
        boolean report = run.out().contains("conservation: produced") || run.out().contains("\"pipewright-run-report\"");
        if (!report && run.exitCode() != 0) {
            assertThat(all.lines().count()).as(all).isLessThanOrEqualTo(3);
        }
    }
}
