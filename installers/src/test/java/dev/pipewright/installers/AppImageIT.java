// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.installers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app image the installers profile built, run as a person runs it: the app's launcher with
 * {@code --smoke-test} on the real JavaFX toolkit (under Xvfb on Linux when there is no display),
 * the command-line launcher, and on Linux the {@code pipewright} command and what the .deb puts
 * where. Paths come from the profile: {@code pipewright.image}, {@code pipewright.installers},
 * {@code pipewright.samples}, {@code pipewright.package}.
 */
class AppImageIT {
    private static final String OK = "pipewright smoke test: ok \\((.+), 5\\.0 s simulated, [0-9,]+ messages, "
            + "first frame [0-9]+ ms( after [0-9]+ ms of CPU)?\\)";
    /** Generous: a start under Xvfb on a loaded 2-core machine takes seconds, not minutes. */
    private static final long GIVE_UP_SECONDS = 240;

    private static final Path IMAGE = Path.of(System.getProperty("pipewright.image", "target/jpackage/image/Pipewright"));
    private static final Path INSTALLERS = Path.of(System.getProperty("pipewright.installers", "target/jpackage/installers"));
    private static final Path SAMPLES = Path.of(System.getProperty("pipewright.samples", "../samples/flows"));
    private static final String PACKAGE = System.getProperty("pipewright.package", "pipewright");
    private static final Path SAMPLE = SAMPLES.resolve("competing-consumers.flow.json");

    @TempDir
    Path tmp;

    @Test
    void theAppLauncherPassesTheSmokeTestOnTheRealToolkit() throws Exception {
        Result r = run(onDisplay(launcher("Pipewright"), "--smoke-test"));

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.lastLine()).as(r.toString()).matches(OK).contains("(sample competing-consumers,");
        assertThat(r.stderr()).as("the JVM took the AOT cache without a word").doesNotContain("[aot]");
        System.out.println("image smoke test: " + r.lastLine());
    }

    @Test
    void theCommandLineLauncherChecksAndRunsASample() throws Exception {
        Result check = run(List.of(launcher("pipewright-cli").toString(), "check", SAMPLE.toString()));
        assertThat(check.exit()).as(check.toString()).isZero();

        Result run = run(List.of(launcher("pipewright-cli").toString(), "run", SAMPLE.toString(),
                "--duration", "10s", "--seed", "7", "--report", "json"));
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("\"conservation\"");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thePipewrightCommandOpensFlowFilesInTheAppAndGivesSubcommandsToTheCommandLine() throws Exception {
        Path command = IMAGE.resolve("lib/pipewright");
        assertThat(Files.isExecutable(command)).as(command + " is executable").isTrue();

        Result check = run(List.of(command.toString(), "check", SAMPLE.toString()));
        assertThat(check.exit()).as(check.toString()).isZero();

        Result app = run(onDisplay(command, SAMPLE.toString(), "--smoke-test"));
        assertThat(app.exit()).as(app.toString()).isZero();
        assertThat(app.lastLine()).matches(OK).contains("(file competing-consumers.flow.json,");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theAppLauncherStartsFromAnAotCacheAndTheCommandLineDoesNot() throws IOException {
        Path app = IMAGE.resolve("lib/app");
        assertThat(app.resolve("Pipewright.aot")).exists();
        assertThat(Files.readString(app.resolve("Pipewright.cfg"))).contains("java-options=-XX:AOTCache=$APPDIR/Pipewright.aot");
        assertThat(Files.readString(app.resolve("pipewright-cli.cfg"))).doesNotContain("AOTCache");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theDebInstallsAMenuEntryTheFlowFileTypeAndThePipewrightCommand() throws Exception {
        Path deb = only(INSTALLERS, ".deb");
        String install = "/opt/" + PACKAGE;

        Result fields = run(List.of("dpkg-deb", "--field", deb.toString(), "Package", "Depends"));
        assertThat(fields.stdout()).contains("Package: " + PACKAGE)
                .contains("xdg-utils").contains("shared-mime-info").contains("desktop-file-utils").contains("libgtk-3-0");

        Path root = tmp.resolve("root");
        assertThat(run(List.of("dpkg-deb", "--extract", deb.toString(), root.toString())).exit()).isZero();
        Path lib = root.resolve(install.substring(1)).resolve("lib");
        String desktop = Files.readString(lib.resolve(PACKAGE + "-Pipewright.desktop"));
        assertThat(desktop).contains("Name=Pipewright")
                .containsPattern("(?m)^Exec=" + install + "/bin/Pipewright %[fFuU]$")
                .containsPattern("(?m)^MimeType=application/x-pipewright-flow;?$")
                .contains("Categories=Development;");
        if (onPath("desktop-file-validate")) {
            Result valid = run(List.of("desktop-file-validate", lib.resolve(PACKAGE + "-Pipewright.desktop").toString()));
            assertThat(valid.exit()).as(valid.toString()).isZero();
            assertThat(valid.stdout() + valid.stderr()).doesNotContain("error");
        }
        String icon = desktop.lines().filter(l -> l.startsWith("Icon=")).findFirst().orElseThrow().substring(5);
        assertThat(root.resolve(icon.substring(1))).exists();
        assertThat(Files.readString(lib.resolve(PACKAGE + "-Pipewright-MimeInfo.xml")))
                .contains("type=\"application/x-pipewright-flow\"").contains("pattern=\"*.flow.json\"");
        assertThat(Files.isExecutable(lib.resolve("pipewright"))).isTrue();
        try (Stream<Path> files = Files.list(lib)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".desktop")))
                    .as("one menu entry: the command line has none").containsExactly(PACKAGE + "-Pipewright.desktop");
        }

        Path control = tmp.resolve("control");
        assertThat(run(List.of("dpkg-deb", "--control", deb.toString(), control.toString())).exit()).isZero();
        String postinst = Files.readString(control.resolve("postinst"));
        // Without the folder, xdg-desktop-menu fails on a machine with no desktop yet, and so would the install.
        assertThat(postinst.indexOf("mkdir -p /usr/share/desktop-directories"))
                .isNotNegative().isLessThan(postinst.indexOf("xdg-desktop-menu install"));
        assertThat(postinst)
                .contains("xdg-desktop-menu install " + install + "/lib/" + PACKAGE + "-Pipewright.desktop")
                .contains("xdg-mime install " + install + "/lib/" + PACKAGE + "-Pipewright-MimeInfo.xml")
                .contains("ln -sf " + install + "/lib/pipewright /usr/bin/pipewright");
        assertThat(Files.readString(control.resolve("prerm"))).contains("rm -f /usr/bin/pipewright");
    }

    // ------------------------------------------------------------------ running things

    private record Result(int exit, String stdout, String stderr) {
        String lastLine() {
            List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(GIVE_UP_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + GIVE_UP_SECONDS + " s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The command on a display: the one there is, else a virtual one from xvfb-run on Linux. */
    private static List<String> onDisplay(Path program, String... args) {
        List<String> command = new ArrayList<>();
        boolean linux = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");
        String display = System.getenv("DISPLAY");
        if (linux && (display == null || display.isBlank())) {
            if (!onPath("xvfb-run")) {
                fail("There is no display and no xvfb-run to make one: install Xvfb (apt-get install xvfb) "
                        + "or run the tests where DISPLAY is set.");
            }
            command.addAll(List.of("xvfb-run", "--auto-servernum", "--server-args=-screen 0 1600x1000x24"));
        }
        command.add(program.toString());
        command.addAll(List.of(args));
        return command;
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    /** A launcher of the image: bin/NAME on Linux, NAME.exe on Windows, Contents/MacOS/NAME on macOS. */
    private static Path launcher(String name) {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        Path p;
        if (os.contains("win")) {
            p = IMAGE.resolve(name + ".exe");
        } else if (os.contains("mac")) {
            p = Path.of(IMAGE + ".app", "Contents", "MacOS", name);
        } else {
            p = IMAGE.resolve("bin").resolve(name);
        }
        assertThat(p).as("the launcher " + name + " of the app image").exists();
        return p;
    }

    private static Path only(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            assertThat(found).as("one " + suffix + " in " + dir).hasSize(1);
            return found.getFirst();
        }
    }
}
