// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import java.io.File;

/** Small file-name rules of the shell. */
final class ShellFiles {
    private ShellFiles() {
    }

    /** True for files a drop may open: flow files and other JSON. */
    static boolean isFlowFile(File f) {
        String name = f.getName().toLowerCase();
        return f.isFile() && name.endsWith(".json");
    }
}
