// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code pipewright} command line: {@code check} and {@code run} a flow. Exit codes: 0 success,
 * 1 the flow has errors, 2 a file or an argument could not be used, 3 an {@code --assert} failed.
 * Nothing a person sees is ever a stack trace.
 */
@Command(name = "pipewright",
        mixinStandardHelpOptions = true,
        versionProvider = PipewrightCli.Version.class,
        description = "Design, check and simulate asynchronous messaging flows.",
        subcommands = {CheckCommand.class, RunCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the flow has errors (check, run)",
            "2:a file or argument could not be used",
            "3:an --assert did not hold (run)"})
public final class PipewrightCli implements Runnable {
    /** The flow has validation errors. */
    public static final int EXIT_FLOW_ERRORS = 1;
    /** A file could not be read, or an argument or assertion could not be understood. */
    public static final int EXIT_UNUSABLE_INPUT = 2;
    /** An {@code --assert} did not hold. */
    public static final int EXIT_ASSERTION_FAILED = 3;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, ready to {@link CommandLine#execute}; tests set its out and err writers. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PipewrightCli());
        cli.setExecutionExceptionHandler(PipewrightCli::unexpected);
        cli.setParameterExceptionHandler(PipewrightCli::badArguments);
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a command: 'pipewright check FLOW' or 'pipewright run FLOW' (see 'pipewright --help')");
    }

    /** A usage error: one line saying what is wrong and where help is, instead of the whole usage text. */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("pipewright: " + Messages.oneLine(e)
                + " (see '" + cli.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return EXIT_UNUSABLE_INPUT;
    }

    /** Anything no command expected: one sentence, never a stack trace. */
    private static int unexpected(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        err.println("pipewright: could not finish: " + Messages.oneLine(e)
                + " (this is a bug in Pipewright; please report it with the flow file)");
        err.flush();
        return EXIT_UNUSABLE_INPUT;
    }

    /** The version: from the jar's manifest when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PipewrightCli.class.getPackage().getImplementationVersion();
            return new String[] {"pipewright " + (version == null ? "0.1.0-SNAPSHOT" : version)
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}
