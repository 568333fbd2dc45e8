// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.lesson;

import dev.pipewright.model.TerminalText;
import java.util.Objects;

/**
 * A lesson file that cannot be used. The message names the file and, where there is one, the
 * line, then says what is wrong and what to write instead, e.g. {@code dead-letter-queue.md line
 * 7: try: step 2 has no text; write "- text: ..."}. Control characters from the file are
 * escaped, so the message is safe to print.
 */
public final class LessonFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int line;
    private final String problem;

    /**
     * @param fileName the file's name or path
     * @param line the 1-based line of the file, or -1 when the problem has no one place
     * @param problem what is wrong and what to do, without the place
     */
    public LessonFileException(String fileName, int line, String problem) {
        super(TerminalText.escape(fileName) + (line > 0 ? " line " + line : "") + ": " + TerminalText.escape(problem));
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.line = line;
        this.problem = TerminalText.escape(Objects.requireNonNull(problem, "problem"));
    }

    public String fileName() {
        return fileName;
    }

    /** The 1-based line, or -1. */
    public int line() {
        return line;
    }

    /** What is wrong, without the file and line. */
    public String problem() {
        return problem;
    }
}
