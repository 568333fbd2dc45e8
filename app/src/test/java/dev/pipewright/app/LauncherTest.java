// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's two commands, where they meet the machine: the launcher and Maven's JVM options. */
@Timeout(60)
class LauncherTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

    private record Result(int exit, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    private static Result run(List<String> command, boolean withDisplay) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        if (!withDisplay) {
            builder.environment().remove("DISPLAY");
            builder.environment().remove("WAYLAND_DISPLAY");
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void mavensJvmOptionsAreAcceptedByAnOlderJavaSoTheBuildCanSayItNeedsJdk25() throws Exception {
        // Maven starts itself with .mvn/jvm.config before the enforcer rule can name the JDK it needs,
        // so an option that Java 17 does not know would hide that sentence behind "Unrecognized option".
        Assumptions.assumeTrue(Files.isExecutable(JAVA_17), "no Java 17 at " + JAVA_17 + " to try the options on");
        List<String> command = new ArrayList<>(List.of(JAVA_17.toString()));
        String options = Files.readString(ROOT.resolve(".mvn/jvm.config")).strip();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.add("-version");

        Result result = run(command, true);

        assertThat(result.output()).doesNotContain("Unrecognized option");
        assertThat(result.exit()).isZero();
    }

    @Test
    void withoutADisplayTheLauncherSaysSoInOneSentenceBeforeBuildingAnything() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "the check is Linux's");

        Result result = run(List.of("bash", "pipewright"), false);

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.lines()).singleElement().asString()
                .startsWith("pipewright: the app needs a graphical display")
                .contains("xvfb-run");
    }
}
