// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import dev.pipewright.model.Flow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads flow files from disk and saves them atomically: a save writes a temporary file next to the
 * target, forces it to disk and moves it over the old file, so a crash or a full disk never leaves
 * half a file — the old one stays as it was.
 */
public final class FlowFiles {
    /** Larger files are refused unread: no real flow comes near this. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    private static final String TEMP_SUFFIX = ".tmp";
    private static final int MAX_LINK_HOPS = 40;

    private FlowFiles() {
    }

    /**
     * Reads a flow file. Only an ordinary file is read: a directory, device, named pipe or socket
     * is refused before it is opened (so a pipe nobody writes to never blocks), and reading stops
     * at {@link #MAX_BYTES}, even when the file grows while it is read or its size says less than
     * it holds.
     *
     * @throws FlowFileException when the file cannot be read or is not a flow; the message names the file
     */
    public static Flow read(Path file) throws FlowFileException {
        return read(file, MAX_BYTES);
    }

    static Flow read(Path file, int maxBytes) throws FlowFileException {
        return FlowJson.read(readText(file, maxBytes, "a flow file"), file.toString());
    }

    /**
     * Reads a UTF-8 text file another format's reader parses (a broker's definitions, a
     * {@code broker.xml}), with the same refusals as {@link #read(Path)}.
     *
     * @param what what the file should be, in words ("a flow file", "a RabbitMQ definitions file")
     * @throws FlowFileException when the file cannot be read; the message names the file
     */
    public static String readText(Path file, int maxBytes, String what) throws FlowFileException {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        String tooLarge = "the file is too large to be " + what + " (over " + (maxBytes % (1024 * 1024) == 0
                ? maxBytes / (1024 * 1024) + " MiB)" : maxBytes + " bytes)");
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw new FlowFileException(source, "this is a directory, not " + what, null);
            }
            if (!attributes.isRegularFile()) {
                throw new FlowFileException(source, "this is a device, named pipe or socket, not " + what
                        + "; name a file saved on disk", null);
            }
            if (attributes.size() > maxBytes) {
                throw new FlowFileException(source, tooLarge, null);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(maxBytes + 1);
            }
            if (bytes.length > maxBytes) {
                throw new FlowFileException(source, tooLarge, null);
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new FlowFileException(source, "there is no such file; check the name and folder", e);
        } catch (AccessDeniedException e) {
            throw new FlowFileException(source, "the file cannot be read: permission denied", e);
        } catch (CharacterCodingException e) {
            throw new FlowFileException(source, "this is not " + what + ": it is not UTF-8 text", e);
        } catch (FileSystemException e) {
            // Its message repeats the path; the reason alone is the operating system's sentence.
            throw new FlowFileException(source, "the file cannot be read ("
                    + (e.getReason() == null ? "input/output error" : e.getReason()) + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new FlowFileException(source, "the file cannot be read (input/output error)", e);
        }
    }

    /**
     * Saves a flow atomically: the file holds either the old flow or the new one, never a mix.
     *
     * @throws IOException when the flow cannot be saved; the old file is then unchanged
     */
    public static void write(Path file, Flow flow) throws IOException {
        writeText(file, FlowJson.write(flow));
    }

    /**
     * Saves text atomically (UTF-8), as {@link #write(Path, Flow)} saves a flow: exports go through it too.
     *
     * @throws IOException when the file cannot be saved; the old file is then unchanged
     */
    public static void writeText(Path file, String text) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path target = linkTarget(file.toAbsolutePath());
        Path dir = target.getParent();
        removeLeftoverTemps(dir, target.getFileName().toString());
        Path temp = dir.resolve(tempPrefix(target.getFileName().toString())
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            keepPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Saving through a symbolic link writes the file the link points to: moving the new file over
     * the link itself would replace the link with a plain file.
     */
    private static Path linkTarget(Path file) throws IOException {
        if (!Files.isSymbolicLink(file)) {
            return file;
        }
        Path target = file;
        // Follow the chain by hand so that a link to a file not yet created is followed too; the
        // bound stops a loop of links.
        for (int hops = 0; hops < MAX_LINK_HOPS && Files.isSymbolicLink(target); hops++) {
            target = target.resolveSibling(Files.readSymbolicLink(target)).normalize();
        }
        if (Files.isSymbolicLink(target)) {
            throw new IOException(file + " is a symbolic link that leads round in a loop");
        }
        return target;
    }

    private static String tempPrefix(String fileName) {
        return "." + fileName + ".";
    }

    /**
     * A save cut short (power loss, kill -9) leaves its temporary file behind; the next save of the
     * same file removes it. Only names of our own exact shape are touched.
     */
    private static void removeLeftoverTemps(Path dir, String fileName) {
        String prefix = tempPrefix(fileName);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, entry -> isOurTemp(entry, prefix))) {
            for (Path leftover : entries) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException | DirectoryIteratorException e) {
            // A leftover that cannot be removed now harms nothing; the next save tries again.
        }
    }

    private static boolean isOurTemp(Path entry, String prefix) {
        String name = entry.getFileName().toString();
        if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) {
            return false;
        }
        String middle = name.substring(prefix.length(), name.length() - TEMP_SUFFIX.length());
        return !middle.isEmpty() && middle.length() <= 16 && middle.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
    }

    /** A saved file keeps the permissions the old one had, where the file system has them. */
    private static void keepPermissions(Path target, Path temp) {
        try {
            if (Files.exists(target)) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system, or not ours to change: the default permissions will do.
        }
    }

    /** Makes the rename itself durable; only possible (and needed) on POSIX systems. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; its move is durable enough.
        }
    }
}
