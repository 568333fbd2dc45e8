// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.files;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * The user's preferences (dark theme, panels shown), kept as a small properties file in the app's
 * home. A missing or unreadable file gives the defaults; a failed write is ignored, because losing
 * a preference must never stop the app.
 */
public final class AppSettings {
    private final Path file;
    private final Properties values = new Properties();

    public AppSettings(AppHome home) {
        this.file = Objects.requireNonNull(home, "home").settingsFile();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException e) {
                values.clear();
            }
        }
    }

    public boolean flag(String key, boolean fallback) {
        String v = values.getProperty(key);
        return v == null ? fallback : Boolean.parseBoolean(v);
    }

    public void setFlag(String key, boolean value) {
        values.setProperty(key, Boolean.toString(value));
        save();
    }

    /** A remembered piece of text (an address, a user name; never a password), or {@code fallback}. */
    public String text(String key, String fallback) {
        return values.getProperty(key, fallback);
    }

    public void setText(String key, String value) {
        values.setProperty(key, value);
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                values.store(out, "Pipewright settings");
            }
        } catch (IOException e) {
            // A preference that cannot be written is only lost for the next start.
        }
    }
}
