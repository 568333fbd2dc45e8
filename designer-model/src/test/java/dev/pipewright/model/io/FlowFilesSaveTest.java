// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saves through symbolic links and after interrupted saves. */
class FlowFilesSaveTest {
    private static final Flow RENAMED = Flow.EMPTY.withInfo(new FlowInfo("Renamed", ""));

    @TempDir
    Path dir;

    private List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void savingThroughASymbolicLinkWritesTheFileItPointsToAndKeepsTheLink() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real")).resolve("orders.flow.json");
        FlowFiles.write(real, Flow.EMPTY);
        Path link = Files.createSymbolicLink(dir.resolve("orders.flow.json"), real);

        FlowFiles.write(link, RENAMED);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(FlowFiles.read(real)).isEqualTo(RENAMED);
        assertThat(namesIn(dir)).containsExactly("orders.flow.json", "real");
        assertThat(namesIn(real.getParent())).containsExactly("orders.flow.json");
    }

    @Test
    void aChainOfRelativeLinksIsFollowedToTheEnd() throws Exception {
        Path real = dir.resolve("orders.flow.json");
        FlowFiles.write(real, Flow.EMPTY);
        Files.createSymbolicLink(dir.resolve("b.flow.json"), Path.of("orders.flow.json"));
        Path first = Files.createSymbolicLink(dir.resolve("a.flow.json"), Path.of("b.flow.json"));

        FlowFiles.write(first, RENAMED);

        assertThat(Files.isSymbolicLink(first)).isTrue();
        assertThat(FlowFiles.read(real)).isEqualTo(RENAMED);
    }

    @Test
    void aLoopOfLinksIsRefusedWithItsName() throws Exception {
        Path a = dir.resolve("a.flow.json");
        Path b = dir.resolve("b.flow.json");
        Files.createSymbolicLink(a, b.getFileName());
        Files.createSymbolicLink(b, a.getFileName());

        assertThatThrownBy(() -> FlowFiles.write(a, RENAMED))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("a.flow.json")
                .hasMessageContaining("loop");
    }

    @Test
    void theNextSaveRemovesTheTemporaryFilesOfInterruptedSaves() throws Exception {
        Path file = dir.resolve("orders.flow.json");
        FlowFiles.write(file, Flow.EMPTY);
        // What a save killed between writing and moving leaves behind.
        Files.writeString(dir.resolve(".orders.flow.json.7f3a9c01d2e4b5a6.tmp"), "{\"format\":");
        Files.writeString(dir.resolve(".orders.flow.json.1.tmp"), "");
        // Not ours: another document's temporary file and a user's own file.
        Files.writeString(dir.resolve(".other.flow.json.7f3a9c01d2e4b5a6.tmp"), "");
        Files.writeString(dir.resolve(".orders.flow.json.notes.tmp"), "mine");

        FlowFiles.write(file, RENAMED);

        assertThat(namesIn(dir)).containsExactly(".orders.flow.json.notes.tmp",
                ".other.flow.json.7f3a9c01d2e4b5a6.tmp", "orders.flow.json");
        assertThat(FlowFiles.read(file)).isEqualTo(RENAMED);
    }
}
