// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import dev.pipewright.model.TerminalText;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the command line asked the app to open.
 *
 * @param file a flow file to open, or null
 * @param sampleId a sample to open, or null
 */
public record StartupOptions(Path file, String sampleId) {
    /** A command line the app cannot take; the message says what was meant, in one sentence. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Reads {@code [FILE]} or {@code --sample ID}, beside an optional {@code --smoke-test}.
     *
     * @throws UsageException for anything else: options after a flow file are taken for a
     *     forgotten {@code run}, other options and a second file are refused
     */
    public static StartupOptions parse(List<String> args) {
        Objects.requireNonNull(args, "args");
        Path file = null;
        String sample = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--sample")) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("-")) {
                    throw new UsageException("--sample needs the id of a sample, e.g. --sample dead-letter-queue.");
                }
                sample = args.get(++i);
            } else if (a.startsWith("--sample=")) {
                sample = a.substring("--sample=".length());
            } else if (a.equals(SmokeTest.OPTION)) {
                // Chosen by Main before the app starts; what it opens is read here like any start.
                continue;
            } else if (a.startsWith("-")) {
                throw new UsageException(anyFlowFile(args) ? "options after a flow file are for the command line;"
                        + " did you mean: pipewright run " + quoted(args)
                        : "the app does not know the option " + TerminalText.escape(a) + "; it takes a flow file or"
                                + " --sample ID (pipewright help lists the commands).");
            } else if (file != null) {
                throw new UsageException("the app opens one flow file at a time, not both "
                        + TerminalText.escape(file.toString()) + " and " + TerminalText.escape(a) + ".");
            } else {
                try {
                    file = Path.of(a);
                } catch (InvalidPathException e) {
                    throw new UsageException(TerminalText.escape(a) + " is not a file name this system can use.");
                }
            }
        }
        return new StartupOptions(file, sample);
    }

    private static boolean anyFlowFile(List<String> args) {
        return args.stream().anyMatch(a -> !a.startsWith("-") && a.endsWith(".flow.json"));
    }

    private static String quoted(List<String> args) {
        return args.stream().map(TerminalText::escape)
                .map(a -> a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }
}
