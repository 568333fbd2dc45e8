// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code pipewright} command line: {@code check}, {@code run}, {@code export}, {@code import} and {@code deploy} a flow. Exit codes: 0 success,
 * 1 the flow has errors, 2 a file or an argument could not be used (or a run reached a limit),
 * 3 an {@code --assert} failed. Nothing a person sees is ever a stack trace, and everything
 * printed goes through {@link TerminalText}, so no control character from a file reaches the
 * terminal.
 */
@Command(name = "pipewright",
        mixinStandardHelpOptions = true,
        versionProvider = PipewrightCli.Version.class,
        description = "Design, check and simulate asynchronous messaging flows.",
        subcommands = {CheckCommand.class, RunCommand.class, ExportCommand.class, ImportCommand.class, DeployCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:the flow has errors (check, run)",
            "2:a file or argument could not be used, or a run reached a limit",
            "3:an --assert did not hold (run)",
            "130:a run stopped by Ctrl-C, after printing the report so far"})
public final class PipewrightCli implements Runnable {
    /** The flow has validation errors. */
    public static final int EXIT_FLOW_ERRORS = 1;
    /** A file could not be read, an argument or assertion could not be understood, or a run reached a limit. */
    public static final int EXIT_UNUSABLE_INPUT = 2;
    /** An {@code --assert} did not hold. */
    public static final int EXIT_ASSERTION_FAILED = 3;

    /** {@code run} stopped by Ctrl-C after printing the report so far: 128 + SIGINT, as shells expect. */
    public static final int EXIT_STOPPED = 130;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new OutputStreamWriter(System.out, System.out.charset()),
                new OutputStreamWriter(System.err, System.err.charset())));
    }

    /** Runs the command line on {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, Writer out, Writer err) {
        return run(commandLine(), args, out, err);
    }

    /** As {@link #run(String[], Writer, Writer)}, with a command line a test may have added to. */
    static int run(CommandLine cli, String[] args, Writer out, Writer err) {
        PrintWriter printOut = TerminalText.printer(out);
        PrintWriter printErr = TerminalText.printer(err);
        cli.setOut(printOut);
        cli.setErr(printErr);
        try {
            return cli.execute(args);
        } catch (Throwable e) {
            // What picocli's handlers let through: errors such as running out of memory or stack,
            // and failures in the handlers themselves. Still one sentence, never a stack trace.
            printErr.println("pipewright: " + InternalErrors.describe(e));
            return EXIT_UNUSABLE_INPUT;
        } finally {
            printOut.flush();
            printErr.flush();
        }
    }

    /** The command line, ready to {@link CommandLine#execute}; {@link #run} sets its writers. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PipewrightCli());
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setExecutionExceptionHandler(PipewrightCli::unexpected);
        cli.setParameterExceptionHandler(PipewrightCli::badArguments);
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a command: 'pipewright check FLOW' or 'pipewright run FLOW'");
    }

    /** A usage error: one line saying what is wrong and where help is, instead of the whole usage text. */
    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("pipewright: " + UsageErrors.describe(e, args)
                + " (see '" + cli.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return EXIT_UNUSABLE_INPUT;
    }

    /** Anything no command expected: one sentence, never a stack trace. */
    private static int unexpected(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        err.println("pipewright: " + InternalErrors.describe(e));
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
