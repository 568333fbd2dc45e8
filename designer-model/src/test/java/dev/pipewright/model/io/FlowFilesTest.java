// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FlowFilesTest {
    @TempDir
    Path dir;

    private List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }

    @Test
    void aSavedFlowReadsBackEqual() throws Exception {
        Path file = dir.resolve("every.flow.json");

        FlowFiles.write(file, EveryKindFlow.create());

        assertThat(FlowFiles.read(file)).isEqualTo(EveryKindFlow.create());
        assertThat(Files.readString(file)).isEqualTo(FlowJson.write(EveryKindFlow.create()));
    }

    @Test
    void savingReplacesTheOldFileAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("orders.flow.json");
        FlowFiles.write(file, Flow.EMPTY);

        FlowFiles.write(file, EveryKindFlow.create());

        assertThat(FlowFiles.read(file)).isEqualTo(EveryKindFlow.create());
        assertThat(filesIn(dir)).containsExactly(file);
    }

    @Test
    void aFailedSaveLeavesTheOldContentAndNoTemporaryFile() throws Exception {
        // The target is a non-empty folder, so the final move fails after the temporary file was written.
        Path target = dir.resolve("orders.flow.json");
        Files.createDirectory(target);
        Path inside = Files.writeString(target.resolve("keep.txt"), "old content");

        assertThatThrownBy(() -> FlowFiles.write(target, EveryKindFlow.create())).isInstanceOf(IOException.class);

        assertThat(Files.readString(inside)).isEqualTo("old content");
        assertThat(filesIn(dir)).containsExactly(target);
    }

    @Test
    void savingIntoAReadOnlyFolderFailsAndKeepsTheOldFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("locked"));
        Path file = folder.resolve("orders.flow.json");
        FlowFiles.write(file, Flow.EMPTY);
        String before = Files.readString(file);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(folder), "running as a user who may write anywhere (root)");

            assertThatThrownBy(() -> FlowFiles.write(file, EveryKindFlow.create())).isInstanceOf(IOException.class);

            assertThat(Files.readString(file)).isEqualTo(before);
            assertThat(filesIn(folder)).containsExactly(file);
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void savingKeepsThePermissionsOfTheOldFile() throws Exception {
        Path file = dir.resolve("orders.flow.json");
        FlowFiles.write(file, Flow.EMPTY);
        Set<PosixFilePermission> chosen = PosixFilePermissions.fromString("rw-rw----");
        Files.setPosixFilePermissions(file, chosen);

        FlowFiles.write(file, Flow.EMPTY.withInfo(new FlowInfo("Renamed", "")));

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(chosen);
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("nowhere.flow.json");

        FlowFileException e = catchThrowableOfType(FlowFileException.class, () -> FlowFiles.read(file));

        assertThat(e.getMessage()).isEqualTo(file + ": there is no such file; check the name and folder");
    }

    @Test
    void aFolderIsNotAFlowFile() {
        FlowFileException e = catchThrowableOfType(FlowFileException.class, () -> FlowFiles.read(dir));

        assertThat(e.getMessage()).isEqualTo(dir + ": this is a directory, not a flow file");
    }

    @Test
    void bytesThatAreNotUtf8AreNotAFlowFile() throws Exception {
        Path file = Files.write(dir.resolve("image.flow.json"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff});

        FlowFileException e = catchThrowableOfType(FlowFileException.class, () -> FlowFiles.read(file));

        assertThat(e.getMessage()).startsWith(file.toString()).contains("not a flow file", "not UTF-8");
    }

    @Test
    void errorsInsideAFileNameTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("cut.flow.json"), "{\"format\": \"pipewright-flow\", \"vers");

        FlowFileException e = catchThrowableOfType(FlowFileException.class, () -> FlowFiles.read(file));

        assertThat(e.getMessage()).startsWith(file + ":1:");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aNamedPipeIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("pipe.flow.json");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor() == 0;
        } catch (IOException e) {
            made = false;
        }
        Assumptions.assumeTrue(made, "mkfifo is not available here");

        FlowFileException e = catchThrowableOfType(FlowFileException.class, () -> FlowFiles.read(fifo));

        assertThat(e.getMessage()).isEqualTo(fifo + ": this is a device, named pipe or socket, not a flow file;"
                + " name a file saved on disk");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anEndlessDeviceIsRefusedUnread() {
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero), "no /dev/zero here");

        FlowFileException e = catchThrowableOfType(FlowFileException.class, () -> FlowFiles.read(zero));

        assertThat(e.getMessage()).isEqualTo("/dev/zero: this is a device, named pipe or socket, not a flow file;"
                + " name a file saved on disk");
    }

    @Test
    void readingStopsAtTheLimitWhenAFileHoldsMoreThanItsSizeSays() {
        // Files under /proc say they are empty and hold text: the size check alone would let them through.
        Path status = Path.of("/proc/self/status");
        Assumptions.assumeTrue(Files.isRegularFile(status), "no /proc here");

        FlowFileException e = catchThrowableOfType(FlowFileException.class, () -> FlowFiles.read(status, 100));

        assertThat(e.problem()).isEqualTo("the file is too large to be a flow file (over 100 bytes)");
    }
}
