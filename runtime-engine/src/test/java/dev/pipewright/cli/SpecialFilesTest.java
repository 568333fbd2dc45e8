// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipe or a device named as a flow is refused before anything reads it: reading a pipe nobody
 * writes to never ends, and {@code /dev/zero} never ends either. The timeout runs the test on its
 * own thread, so a read that blocks fails the test instead of hanging the build.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpecialFilesTest {
    @TempDir
    Path dir;

    private static void assertRefusedInOneSentence(Path file) {
        for (String command : new String[] {"check", "run"}) {
            CliRun run = CliRun.of(command, file.toString());
            assertThat(run.exitCode()).as(command + " " + file).isEqualTo(2);
            assertThat(run.out()).as(command + " " + file).isEmpty();
            CheckCommandTest.assertOneCleanLine(run.err(), file);
            assertThat(run.err()).contains("not a regular file");
        }
    }

    @Test
    void aNamedPipeIsRefusedAtOnce() throws IOException, InterruptedException {
        Path fifo = dir.resolve("pipe.flow.json");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            mkfifo = null;
        }
        assumeTrue(mkfifo != null && mkfifo.waitFor() == 0 && Files.exists(fifo), "mkfifo is not available here");
        assertRefusedInOneSentence(fifo);
    }

    @Test
    void anEndlessDeviceIsRefusedAtOnce() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "there is no /dev/zero here");
        assertRefusedInOneSentence(zero);
    }
}
