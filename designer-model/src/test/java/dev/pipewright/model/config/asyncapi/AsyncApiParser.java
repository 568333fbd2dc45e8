// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.asyncapi;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The AsyncAPI project's own parser ({@code @asyncapi/parser} from npm, run by Node), the real
 * consumer of the export. Its package.json, lock file and validate.mjs live in
 * src/test/asyncapi; they are copied to target/asyncapi-parser, where {@code npm ci} installs the
 * locked versions once (offline after that). Without node or npm, or when the install fails, a
 * test is skipped with the reason, unless PIPEWRIGHT_REQUIRE_BROKERS=1 (CI), where it fails.
 */
final class AsyncApiParser {
    static final Path HOME = Path.of("target", "asyncapi-parser");
    private static final Path SOURCES = Path.of("src", "test", "asyncapi");
    /** Generous bounds for a process: an install from the registry, a parse of a large document. */
    private static final long INSTALL_MINUTES = 10;
    private static final long PARSE_MINUTES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String unusable;
    private static boolean ready;

    /** One diagnostic of the parser: severity is error, warning, info or hint. */
    record Diagnostic(String severity, String code, String message, String path, int line) {
        @Override
        public String toString() {
            return severity + " " + code + " at " + path + " (line " + line + "): " + message;
        }
    }

    /** What the parser said about one file, and what it read back. */
    record Result(Path file, boolean parsed, List<Diagnostic> diagnostics, JsonNode readBack) {
        List<Diagnostic> errors() {
            return diagnostics.stream().filter(d -> d.severity().equals("error")).toList();
        }

        List<Diagnostic> warnings() {
            return diagnostics.stream().filter(d -> d.severity().equals("warning")).toList();
        }
    }

    private AsyncApiParser() {
    }

    /** Parses each file with the AsyncAPI parser, in one Node process. */
    static synchronized List<Result> parse(List<Path> files) throws IOException, InterruptedException {
        install();
        List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
        files.forEach(f -> command.add(f.toAbsolutePath().toString()));
        Path out = Files.createTempFile(HOME, "diagnostics", ".json");
        Path err = Files.createTempFile(HOME, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(HOME.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(PARSE_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the AsyncAPI parser did not finish within " + PARSE_MINUTES + " minutes");
        }
        if (p.exitValue() != 0) {
            fail("the AsyncAPI parser failed (exit " + p.exitValue() + "): " + Files.readString(err));
        }
        JsonNode all = JSON.readTree(out.toFile());
        Files.delete(out);
        Files.delete(err);
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            JsonNode r = all.get(i);
            List<Diagnostic> ds = new ArrayList<>();
            for (JsonNode d : r.get("diagnostics")) {
                ds.add(new Diagnostic(d.get("severity").asText(), d.get("code").asText(), d.get("message").asText(),
                        d.get("path").asText(), d.get("line").asInt()));
            }
            results.add(new Result(files.get(i), r.get("parsed").asBoolean(), ds, r.get("readBack")));
        }
        return results;
    }

    /** Writes {@code text} as {@code name} in the parser's folder, for {@link #parse}. */
    static Path save(String name, String text) throws IOException {
        Path docs = HOME.resolve("docs");
        Files.createDirectories(docs);
        Path file = docs.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static void install() throws IOException, InterruptedException {
        if (ready) {
            return;
        }
        if (unusable == null) {
            unusable = prepare();
        }
        if (unusable != null) {
            String why = "the AsyncAPI parser cannot run: " + unusable;
            if ("1".equals(System.getenv("PIPEWRIGHT_REQUIRE_BROKERS"))) {
                fail(why + "; PIPEWRIGHT_REQUIRE_BROKERS=1 makes this a failure");
            }
            assumeTrue(false, why + "; skipped (install Node 20 and npm to run it)");
        }
        ready = true;
    }

    /** Copies the parser's files and installs it; returns why it cannot run, or null. */
    private static String prepare() throws IOException, InterruptedException {
        String node = run(List.of("node", "--version"), Path.of("."), 1);
        if (node != null) {
            return "no node on the PATH (" + node + ")";
        }
        Files.createDirectories(HOME);
        for (String f : List.of("package.json", "package-lock.json", "validate.mjs")) {
            Files.copy(SOURCES.resolve(f), HOME.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.exists(HOME.resolve("node_modules/@asyncapi/parser/package.json"))) {
            return null;
        }
        // --ignore-scripts: nothing a dependency ships runs here (one package has a telemetry script).
        String npm = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), HOME, INSTALL_MINUTES);
        return npm == null ? null : "npm ci failed in " + HOME + " (" + npm + ")";
    }

    /** Runs a command; returns null when it succeeded, else what went wrong. */
    private static String run(List<String> command, Path dir, long minutes) throws InterruptedException {
        try {
            Path log = Files.createTempFile("asyncapi-parser", ".log");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return String.join(" ", command) + " took longer than " + minutes + " minutes";
            }
            String text = Files.readString(log);
            Files.delete(log);
            if (p.exitValue() != 0) {
                return String.join(" ", command) + " exited with " + p.exitValue() + ": "
                        + text.substring(Math.max(0, text.length() - 2000)).strip();
            }
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
