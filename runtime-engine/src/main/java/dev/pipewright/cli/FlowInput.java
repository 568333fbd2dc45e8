// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.io.FlowFileException;
import dev.pipewright.model.io.FlowFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The flow file a command reads. */
final class FlowInput {
    private FlowInput() {
    }

    /**
     * Reads a flow file. A pipe, a device or a socket is refused before anything reads it: reading
     * one may never end ({@code /dev/zero}, a pipe nobody writes to).
     */
    static Flow read(Path file) throws FlowFileException {
        if (Files.exists(file) && !Files.isDirectory(file) && !Files.isRegularFile(file)) {
            throw new FlowFileException(file.toString(),
                    "this is not a regular file but a pipe, device or socket; name a .flow.json file", null);
        }
        return FlowFiles.read(file);
    }

    /** Reads a flow and, when {@code broker} is not null, puts it on that broker profile. */
    static Flow read(Path file, Broker broker) throws FlowFileException {
        Flow flow = read(file);
        return broker == null ? flow : flow.withInfo(flow.info().withBroker(broker));
    }

    /**
     * Reads a flow for a command, on {@code broker}'s rules when it is not null; when the file
     * cannot be read, prints the one sentence that says why to {@code err} and returns null (the
     * command then exits with {@link PipewrightCli#EXIT_UNUSABLE_INPUT}).
     */
    static Flow readOrTell(Path file, Broker broker, PrintWriter err) {
        try {
            return read(file, broker);
        } catch (FlowFileException e) {
            err.println(Messages.oneLine(e));
            return null;
        }
    }

    /** Reads a {@code FLOW} argument as a path, refusing what cannot be one on this system in words. */
    static final class PathConverter implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new TypeConversionException("'" + value + "' cannot be a file name here (" + e.getReason() + ")");
            }
        }
    }
}
