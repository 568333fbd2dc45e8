// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.model.TerminalText;
import dev.pipewright.model.check.Finding;
import java.nio.file.Path;

/** Prints a finding as {@code FILE: severity: node: message (fix: ...)}. */
final class FindingLines {
    private FindingLines() {
    }

    static String format(Path file, Finding f) {
        return format(file.toString(), f);
    }

    /** The same, for a source that is not a file (a broker's address). */
    static String format(String source, Finding f) {
        String where = f.nodeId() != null ? f.nodeId()
                : f.edgeId() != null ? "edge " + f.edgeId() : "flow";
        String fix = f.fix() == null || f.fix().isBlank() ? "" : " (fix: " + f.fix() + ")";
        return TerminalText.escape(source) + ": " + f.severity().word() + ": " + where + ": " + f.message() + fix;
    }
}
