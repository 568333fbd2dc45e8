// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the command line asked the app to open.
 *
 * @param file a flow file to open, or null
 * @param sampleId a sample to open, or null
 */
public record StartupOptions(Path file, String sampleId) {
    /** Reads {@code [FILE]} or {@code --sample ID}; unknown options are ignored. */
    public static StartupOptions parse(List<String> args) {
        Objects.requireNonNull(args, "args");
        Path file = null;
        String sample = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--sample") && i + 1 < args.size()) {
                sample = args.get(++i);
            } else if (a.startsWith("--sample=")) {
                sample = a.substring("--sample=".length());
            } else if (!a.startsWith("-") && file == null) {
                file = Path.of(a);
            }
        }
        return new StartupOptions(file, sample);
    }
}
