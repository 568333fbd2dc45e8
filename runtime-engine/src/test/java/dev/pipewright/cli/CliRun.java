// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One in-process run of the command line, as {@code main} runs it: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PipewrightCli.run(args, out, err);
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * The command line run as a process of its own, so {@code variables} are its real environment
     * (a test cannot set its own): every {@code PIPEWRIGHT_*} variable of this JVM's environment and
     * the desktop session's bus (its keyring) are left out, so only what the test gives counts.
     * What it prints goes through files in {@code dir}, so a full pipe cannot stall it.
     */
    static CliRun process(Path dir, Map<String, String> variables, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PipewrightCli.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path err = Files.createTempFile(dir, "cli", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PIPEWRIGHT_") || k.equals("DBUS_SESSION_BUS_ADDRESS")
                || k.equals("XDG_RUNTIME_DIR"));
        pb.environment().putAll(variables);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the command line did not end within 120 s: " + String.join(" ", args));
        }
        return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
