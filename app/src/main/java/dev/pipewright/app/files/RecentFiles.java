// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The files opened or saved most recently, newest first, kept in the app's home between runs. */
public final class RecentFiles {
    /** How many files the Open Recent menu lists. */
    public static final int LIMIT = 10;

    private final Path store;
    private final ObservableList<Path> files = FXCollections.observableArrayList();
    /**
     * The one read-only view handed out. Made once: such a view follows its list through a weak
     * listener, so a view made per call is collected, and the listeners added to it with it.
     */
    private final ObservableList<Path> readOnlyFiles = FXCollections.unmodifiableObservableList(files);

    public RecentFiles(AppHome home) {
        this.store = Objects.requireNonNull(home, "home").recentFile();
        load();
    }

    /** Newest first, read-only; always the same list, so a listener added to it stays. */
    public ObservableList<Path> files() {
        return readOnlyFiles;
    }

    /** Puts {@code file} at the top of the list. */
    public void add(Path file) {
        Path p = file.toAbsolutePath().normalize();
        List<Path> next = new ArrayList<>(files);
        next.remove(p);
        next.addFirst(p);
        while (next.size() > LIMIT) {
            next.removeLast();
        }
        files.setAll(next);
        save();
    }

    public void remove(Path file) {
        files.remove(file.toAbsolutePath().normalize());
        save();
    }

    public void clear() {
        files.clear();
        save();
    }

    private void load() {
        if (!Files.isRegularFile(store)) {
            return;
        }
        try {
            List<Path> list = new ArrayList<>();
            for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && list.size() < LIMIT) {
                    try {
                        list.add(Path.of(line.strip()));
                    } catch (InvalidPathException e) {
                        // skip a line that is not a path
                    }
                }
            }
            files.setAll(list);
        } catch (IOException e) {
            files.clear();
        }
    }

    private void save() {
        try {
            Files.createDirectories(store.getParent());
            List<String> lines = files.stream().map(Path::toString).toList();
            Files.write(store, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The list is a convenience; failing to keep it must not stop the user's work.
        }
    }
}
