// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.model.lesson.Lesson;
import dev.pipewright.model.lesson.LessonFileException;
import dev.pipewright.model.lesson.LessonFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The lesson a command reads: a {@code .md} file, or the id of a sample whose lesson ships with
 * Pipewright (on the class path beside the sample's flow, {@code dev/pipewright/samples/ID.md}).
 */
final class LessonInput {
    private static final Pattern SAMPLE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,80}");
    private static final String SAMPLES = "/dev/pipewright/samples/";

    private LessonInput() {
    }

    /** Reads the lesson named {@code value}. */
    static Lesson read(String value) throws LessonFileException {
        Path file;
        try {
            file = Path.of(value);
        } catch (InvalidPathException e) {
            throw new LessonFileException(value, -1, "cannot be a file name here (" + e.getReason() + ")");
        }
        if (Files.exists(file)) {
            if (!Files.isRegularFile(file)) {
                throw new LessonFileException(value, -1, "is not a regular file; name a lesson's .md file or a sample id");
            }
            return LessonFiles.read(file);
        }
        if (SAMPLE_ID.matcher(value).matches()) {
            try (InputStream in = LessonInput.class.getResourceAsStream(SAMPLES + value + ".md")) {
                if (in != null) {
                    byte[] bytes = in.readNBytes(LessonFiles.MAX_BYTES + 1);
                    return LessonFiles.read(new String(bytes, StandardCharsets.UTF_8), value + ".md");
                }
            } catch (IOException e) {
                throw new LessonFileException(value + ".md", -1, "cannot be read (" + e.getClass().getSimpleName() + ")");
            }
            throw new LessonFileException(value, -1, "there is no such file, and no sample with this id has a lesson;"
                    + " name a lesson's .md file or the id of a sample with a lesson");
        }
        throw new LessonFileException(value, -1, "there is no such file; name a lesson's .md file or a sample id");
    }
}
