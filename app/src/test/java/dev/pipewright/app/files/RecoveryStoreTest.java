// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.io.FlowFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryStoreTest {
    @TempDir
    Path dir;

    @Test
    void documentsWhosePathsHaveTheSameStringHashKeepSeparateCopies() throws Exception {
        // "Aa" and "BB" have the same String.hashCode, so these paths did too.
        Path first = Path.of("/home/u/Aa/orders.flow.json");
        Path second = Path.of("/home/u/BB/orders.flow.json");
        assertThat(first.toString().hashCode()).isEqualTo(second.toString().hashCode());
        RecoveryStore store = new RecoveryStore(new AppHome(dir));
        Flow one = Flow.EMPTY.withInfo(new FlowInfo("One", ""));
        Flow two = Flow.EMPTY.withInfo(new FlowInfo("Two", ""));

        store.write(RecoveryStore.keyFor(first), first, one);
        store.write(RecoveryStore.keyFor(second), second, two);

        assertThat(RecoveryStore.keyFor(first)).isNotEqualTo(RecoveryStore.keyFor(second)).startsWith("orders-");
        assertThat(store.entries()).hasSize(2);
        assertThat(FlowFiles.read(store.fileFor(RecoveryStore.keyFor(first)))).isEqualTo(one);
        assertThat(FlowFiles.read(store.fileFor(RecoveryStore.keyFor(second)))).isEqualTo(two);
    }

    @Test
    void theSameDocumentAlwaysHasTheSameKey() {
        assertThat(RecoveryStore.keyFor(Path.of("/home/u/x/../orders.flow.json")))
                .isEqualTo(RecoveryStore.keyFor(Path.of("/home/u/orders.flow.json")));
        assertThat(RecoveryStore.keyFor(null)).isEqualTo("untitled");
    }

    @Test
    void onlyTheOwnerCanReadRecoveryCopies() throws Exception {
        AppHome home = new AppHome(dir.resolve("home"));
        RecoveryStore store = new RecoveryStore(home);
        Path origin = dir.resolve("secret.flow.json");
        String key = RecoveryStore.keyFor(origin);

        store.write(key, origin, Flow.EMPTY);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.recoveryDir())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.fileFor(key))))
                .isEqualTo("rw-------");
        assertThat(store.entries()).singleElement().satisfies(e -> {
            assertThat(e.origin()).isEqualTo(origin.toAbsolutePath().normalize());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    home.recoveryDir().resolve(key + ".origin")))).isEqualTo("rw-------");
        });
    }
}
