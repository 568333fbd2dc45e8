// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Says in plain words what is wrong with a command line, instead of picocli's own messages. */
final class UsageErrors {
    private static final List<String> COMMANDS = List.of("check", "run", "help");

    private UsageErrors() {
    }

    static String describe(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String command = cli.getCommandSpec().qualifiedName();
        String name = cli.getCommandName();
        if (e.getCause() instanceof TypeConversionException t) {
            return t.getMessage(); // our converters' sentences name the option and what it expects
        }
        boolean noCommand = cli.getParent() == null;
        if (noCommand && Arrays.stream(args).anyMatch(UsageErrors::looksLikeFlow)) {
            return "name a command before the flow file; did you mean: pipewright run " + Arrays.stream(args)
                    .filter(a -> !COMMANDS.contains(a)).map(UsageErrors::quoted).collect(Collectors.joining(" "));
        }
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().getFirst();
            if (noCommand) {
                return first.startsWith("-")
                        ? "'" + first + "' is not an option of pipewright itself; name a command first:"
                                + " 'pipewright check FLOW' or 'pipewright run FLOW'"
                        : "'" + first + "' is not a command; the commands are check, run and help";
            }
            if (u.isUnknownOption()) {
                List<String> near = u.getSuggestions();
                return name + " has no option '" + first + "'" + (near.isEmpty() ? "" : "; did you mean " + near.getFirst() + "?");
            }
            return name + " takes " + (name.equals("check") ? "flow files" : "one flow file")
                    + "; '" + first + "' is one too many";
        }
        if (e instanceof MissingParameterException m && m.getMissing().size() > 1
                && m.getMissing().stream().allMatch(a -> a instanceof OptionSpec)) {
            // A group of which one is required, such as deploy's --rabbitmq | --artemis.
            return "give one of " + m.getMissing().stream().map(a -> ((OptionSpec) a).longestName())
                    .collect(Collectors.joining(" or "));
        }
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
            ArgSpec missing = m.getMissing().getFirst();
            return missing instanceof OptionSpec o
                    ? o.longestName() + " needs a value after it"
                    : "name the flow file" + (name.equals("check") ? "s" : "") + ": " + command + " "
                            + missing.paramLabel() + (name.equals("check") ? "..." : "");
        }
        if (e instanceof OverwrittenOptionException o && o.getOverwritten() instanceof OptionSpec option) {
            return "give " + option.longestName() + " only once";
        }
        return Messages.oneLine(e);
    }

    private static boolean looksLikeFlow(String arg) {
        if (arg.startsWith("-")) {
            return false;
        }
        if (arg.endsWith(".json")) {
            return true;
        }
        try {
            return Files.isRegularFile(Path.of(arg));
        } catch (RuntimeException e) {
            return false; // not a path at all
        }
    }

    /** The argument as a shell reads it back: in single quotes when it has anything but plain characters. */
    private static String quoted(String arg) {
        return arg.matches("[A-Za-z0-9_./:=@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
