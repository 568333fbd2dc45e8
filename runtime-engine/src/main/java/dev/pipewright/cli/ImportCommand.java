// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.brokers.BrokerAccessException;
import dev.pipewright.brokers.RabbitManagement;
import dev.pipewright.model.TerminalText;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.config.Format;
import dev.pipewright.model.config.Imported;
import dev.pipewright.model.config.formats.ConfigFiles;
import dev.pipewright.model.io.FlowFileException;
import dev.pipewright.model.io.FlowFiles;
import dev.pipewright.model.io.FlowJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pipewright import FILE [-o FLOW]}: a broker's configuration (RabbitMQ definitions or an
 * Artemis {@code broker.xml}) as a flow, laid out; or a running RabbitMQ's, read through its
 * management API. What Pipewright cannot model is printed to standard error, by name.
 */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        description = {"Build a flow from RabbitMQ definitions, an Artemis broker.xml or a running RabbitMQ.",
            "Warnings name everything Pipewright cannot model; they go to standard error.",
            "The password for --from-broker comes from PIPEWRIGHT_RABBITMQ_PASSWORD, or is asked for."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:imported (warnings allowed)",
            "2:the file or broker could not be read, or the flow not written"})
final class ImportCommand implements Callable<Integer> {
    /** The environment variable {@code --from-broker} takes its password from. */
    static final String PASSWORD_VARIABLE = "PIPEWRIGHT_RABBITMQ_PASSWORD";

    /**
     * The password tests give {@code --from-broker}, since a test cannot set an environment
     * variable; null (always, outside tests) means {@link #PASSWORD_VARIABLE} or the terminal.
     */
    static volatile String passwordForTests;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", converter = FlowInput.PathConverter.class,
            description = "RabbitMQ definitions (*.json) or an Artemis broker.xml")
    private Path file;

    @Option(names = "--from", paramLabel = "rabbitmq|artemis", converter = OptionValues.ImportSource.class,
            description = "the file's format (default: told from its first character)")
    private Format from;

    @Option(names = "--from-broker", paramLabel = "URL",
            description = "read the definitions of a running RabbitMQ through its management API,"
                    + " e.g. http://127.0.0.1:15672")
    private URI broker;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "guest",
            description = "the management API user for --from-broker (default: ${DEFAULT-VALUE})")
    private String user;

    @Option(names = "--vhost", paramLabel = "V", description = "import only this RabbitMQ virtual host")
    private String vhost;

    @Option(names = {"-o", "--output"}, paramLabel = "FLOW|FOLDER", converter = FlowInput.PathConverter.class,
            description = "save the flow here (a folder: one flow per virtual host); default: print it")
    private Path output;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((file == null) == (broker == null)) {
            err.println("pipewright import: name a file, or a broker with --from-broker URL, but not both");
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        String source = TerminalText.escape(file != null ? file.toString() : broker.toString());
        List<Imported> flows;
        try {
            flows = file != null ? readFile(file, from) : readBroker(broker, user);
        } catch (FlowFileException e) {
            err.println(Messages.oneLine(e));
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        } catch (BrokerAccessException e) {
            err.println(e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        if (vhost != null) {
            flows = flows.stream().filter(i -> vhost.equals(i.scope())).toList();
            if (flows.isEmpty()) {
                err.println(source + ": there is no virtual host '" + TerminalText.escape(vhost) + "' in it; leave out --vhost to see those there are");
                return PipewrightCli.EXIT_UNUSABLE_INPUT;
            }
        }
        boolean toFolder = output != null && Files.isDirectory(output);
        if (flows.size() > 1 && !toFolder) {
            err.println(source + ": it holds " + flows.size() + " virtual hosts (" + scopes(flows)
                    + "); choose one with --vhost NAME, or give -o an existing folder for one flow each");
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        // Findings about the whole file come with every virtual host's flow: print each once.
        Set<Finding> printed = new LinkedHashSet<>();
        for (Imported imported : flows) {
            printed.addAll(imported.warnings());
        }
        for (Finding f : printed) {
            err.println(FindingLines.format(source, f));
        }
        if (output == null) {
            out.print(FlowJson.write(flows.getFirst().flow()));
            out.flush();
            return 0;
        }
        for (Imported imported : flows) {
            Path target = toFolder ? output.resolve(fileName(imported.scope())) : output;
            try {
                FlowFiles.write(target, imported.flow());
            } catch (IOException e) {
                err.println(target + ": could not be saved (" + Messages.oneLine(e) + "); check the folder can be written");
                return PipewrightCli.EXIT_UNUSABLE_INPUT;
            }
            if (toFolder) {
                out.println(target);
            }
        }
        out.flush();
        return 0;
    }

    private static List<Imported> readFile(Path file, Format from) throws FlowFileException {
        String text = FlowFiles.readText(file, ConfigFiles.MAX_BYTES, "a RabbitMQ definitions file or an Artemis broker.xml");
        Format format = from != null ? from : ConfigFiles.guess(text);
        if (format == null) {
            throw new FlowFileException(file.toString(), "this is neither RabbitMQ definitions (JSON) nor an Artemis"
                    + " broker.xml (XML); name one of those, or say which with --from", null);
        }
        return ConfigFiles.read(text, format, file.toString());
    }

    private List<Imported> readBroker(URI url, String user) throws FlowFileException, BrokerAccessException {
        String password = passwordForTests != null ? passwordForTests : System.getenv(PASSWORD_VARIABLE);
        if (password == null) {
            java.io.Console console = System.console();
            if (console == null) {
                throw new BrokerAccessException("no password for " + user + " at " + url + ": set " + PASSWORD_VARIABLE
                        + " (no terminal here to ask on)");
            }
            char[] typed = console.readPassword("Password for %s at %s: ", user, url);
            password = typed == null ? "" : new String(typed);
        }
        String text = RabbitManagement.definitions(url, user, password);
        return ConfigFiles.read(text, Format.RABBITMQ, url.toString());
    }

    private static String scopes(List<Imported> flows) {
        List<String> names = new ArrayList<>();
        for (Imported i : flows) {
            names.add(i.scope() == null ? "?" : TerminalText.escape(i.scope()));
        }
        return names.stream().limit(10).collect(Collectors.joining(", ")) + (names.size() > 10 ? ", ..." : "");
    }

    /** A file name for a virtual host: "/" is "default", other characters that cannot be in a name become "-". */
    static String fileName(String scope) {
        String base = scope == null || scope.equals("/") ? "default"
                : scope.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[-.]+", "");
        return (base.isEmpty() ? "vhost" : base) + ".flow.json";
    }
}
