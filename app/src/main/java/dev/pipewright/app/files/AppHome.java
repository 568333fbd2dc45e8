// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.files;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The folder where the app keeps its settings, recent files and recovery files: {@code ~/.pipewright},
 * or the folder named by the system property {@code pipewright.home} (tests use a temporary one).
 *
 * @param dir the folder; created when something is first written there
 */
public record AppHome(Path dir) {
    public AppHome {
        Objects.requireNonNull(dir, "dir");
    }

    /** The home chosen by {@code pipewright.home}, else {@code ~/.pipewright}. */
    public static AppHome fromSystem() {
        String override = System.getProperty("pipewright.home");
        if (override != null && !override.isBlank()) {
            return new AppHome(Path.of(override));
        }
        return new AppHome(Path.of(System.getProperty("user.home"), ".pipewright"));
    }

    /** Where autosaved copies of unsaved work go. */
    public Path recoveryDir() {
        return dir.resolve("recovery");
    }

    public Path settingsFile() {
        return dir.resolve("settings.properties");
    }

    public Path recentFile() {
        return dir.resolve("recent.txt");
    }
}
