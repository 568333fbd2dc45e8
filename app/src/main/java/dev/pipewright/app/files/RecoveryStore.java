// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.files;

import dev.pipewright.model.Flow;
import dev.pipewright.model.io.FlowFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Autosaved copies of unsaved work, one per document, in {@code <home>/recovery/<doc>.flow.json}.
 * Beside each copy a {@code .origin} file names the document's own file, if it has one. A copy is
 * written atomically, so a crash while autosaving leaves the previous copy whole.
 */
public final class RecoveryStore {
    private static final String SUFFIX = ".flow.json";
    private static final String ORIGIN = ".origin";

    /**
     * A recovery copy found on disk.
     *
     * @param key the document's key
     * @param file the copy
     * @param origin the document's own file, or null for a document never saved
     * @param savedAt when the copy was written
     */
    public record Entry(String key, Path file, Path origin, FileTime savedAt) {
    }

    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    public RecoveryStore(AppHome home) {
        this.dir = Objects.requireNonNull(home, "home").recoveryDir();
    }

    /** The key of a document: "untitled" for a new one, else its file's name and a digest of its path. */
    public static String keyFor(Path origin) {
        if (origin == null) {
            return "untitled";
        }
        String name = origin.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
            name = name.substring(0, name.length() - SUFFIX.length());
        }
        name = name.replaceAll("[^A-Za-z0-9_.-]+", "-");
        return name + "-" + pathDigest(origin.toAbsolutePath().normalize().toString());
    }

    /**
     * 64 bits of the path's SHA-256: two documents must never share a copy, and {@code String.hashCode}
     * collides for paths as alike as {@code /u/Aa/x} and {@code /u/BB/x}.
     */
    private static String pathDigest(String path) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public Path fileFor(String key) {
        return dir.resolve(key + SUFFIX);
    }

    /** Writes the copy of a document's current flow. */
    public void write(String key, Path origin, Flow flow) throws IOException {
        createPrivateDir();
        Path copy = fileFor(key);
        FlowFiles.write(copy, flow);
        makePrivate(copy, OWNER_ONLY_FILE);
        Path originFile = dir.resolve(key + ORIGIN);
        if (origin == null) {
            Files.deleteIfExists(originFile);
        } else {
            Files.writeString(originFile, origin.toAbsolutePath().normalize().toString(), StandardCharsets.UTF_8);
            makePrivate(originFile, OWNER_ONLY_FILE);
        }
    }

    /**
     * Unsaved work may be as private as the file it came from, so only its owner may enter the
     * folder, whatever the umask; the copies are owner-only too.
     */
    private void createPrivateDir() throws IOException {
        Files.createDirectories(dir);
        makePrivate(dir, OWNER_ONLY_DIR);
    }

    private static void makePrivate(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the user's profile folder is private already.
        }
    }

    /** Removes a document's copy, e.g. after a clean save or close. */
    public void remove(String key) {
        try {
            Files.deleteIfExists(fileFor(key));
            Files.deleteIfExists(dir.resolve(key + ORIGIN));
        } catch (IOException e) {
            // A stale copy is offered once more at the next start; nothing is lost.
        }
    }

    /** The copies on disk, newest first. */
    public List<Entry> entries() {
        List<Entry> list = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return list;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String key = name.substring(0, name.length() - SUFFIX.length());
                list.add(new Entry(key, f, readOrigin(key), Files.getLastModifiedTime(f)));
            }
        } catch (IOException e) {
            return list;
        }
        list.sort(Comparator.comparing(Entry::savedAt).reversed());
        return list;
    }

    public Optional<Entry> newest() {
        return entries().stream().findFirst();
    }

    private Path readOrigin(String key) {
        Path originFile = dir.resolve(key + ORIGIN);
        try {
            if (Files.isRegularFile(originFile)) {
                return Path.of(Files.readString(originFile, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException | InvalidPathException e) {
            return null;
        }
        return null;
    }
}
