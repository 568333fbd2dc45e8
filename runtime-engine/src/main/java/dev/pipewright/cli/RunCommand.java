// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.engine.FlowNotRunnableException;
import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.Snapshot;
import dev.pipewright.engine.report.Assertion;
import dev.pipewright.engine.report.AssertionResult;
import dev.pipewright.engine.report.InvalidAssertionException;
import dev.pipewright.engine.report.Reports;
import dev.pipewright.engine.report.RunReport;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.FlowChecks;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.io.FlowFileException;
import dev.pipewright.model.io.FlowFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pipewright run FLOW}: simulates a flow and prints a report; {@code --assert} checks it.
 * Exit codes: 0 done and every assertion held, 1 the flow has errors, 2 a file, option or
 * assertion could not be used, 3 an assertion did not hold.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Simulate a flow and print what each node did.",
            "Example: pipewright run orders.flow.json --duration 1h \\",
            "           --assert 'dlq.count == 0' --assert 'orders.p99 < 200ms'"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run finished and every --assert held", "1:the flow has errors",
            "2:a file, option or assertion could not be used", "3:an --assert did not hold"})
final class RunCommand implements Callable<Integer> {
    /** How virtual time advances. */
    enum Clock { virtual, paced }

    /** How the report is printed. */
    enum Format { text, json }

    @Parameters(index = "0", paramLabel = "FLOW", description = "the flow file (*.flow.json) to run")
    private Path file;

    @Option(names = "--clock", defaultValue = "virtual", paramLabel = "virtual|paced",
            description = "virtual: as fast as possible; paced: virtual time follows the wall clock"
                    + " times --speed (default: ${DEFAULT-VALUE})")
    private Clock clock;

    @Option(names = "--duration", defaultValue = "1m", paramLabel = "TIME", converter = DurationConverter.class,
            description = "virtual time to simulate, e.g. 90s, 10m, 1h (default: ${DEFAULT-VALUE})")
    private Duration duration;

    @Option(names = "--warm-up", defaultValue = "0s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "virtual time to run before the statistics start, e.g. 1m (default: none)")
    private Duration warmUp;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "FACTOR",
            description = "paced clock only: virtual seconds per wall second, 0.01 to 1000 (default: ${DEFAULT-VALUE})")
    private double speed;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "random seed; the same flow and seed give the same report (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--report", defaultValue = "text", paramLabel = "text|json",
            description = "text: a table for people; json: for programs (default: ${DEFAULT-VALUE})")
    private Format format;

    @Option(names = "--assert", paramLabel = "EXPR",
            description = {"check the run: NODE.METRIC OP VALUE, e.g. 'dlq.count == 0' or 'orders.p99 < 200ms'.",
                "NODE is an id or name; OP is < <= > >= == !=; METRIC is one of count, in, out, depth, rate,"
                    + " mean, p50, p95, p99, max, e2eP50, e2eP95, e2eP99, deadLettered, redelivered, expired, dropped;"
                    + " latencies take a unit (200ms, 1.5s). Repeatable."})
    private List<String> assertions = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return execute(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int execute(PrintWriter out, PrintWriter err) {
        checkOptions();
        Flow flow;
        try {
            flow = FlowFiles.read(file);
        } catch (FlowFileException e) {
            err.println(Messages.oneLine(e));
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        List<Assertion> checks = new ArrayList<>();
        try {
            for (String text : assertions) {
                Assertion a = Assertion.parse(text);
                requireNode(flow, a);
                checks.add(a);
            }
        } catch (InvalidAssertionException e) {
            err.println(file + ": " + e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        List<Finding> errors = FlowChecks.all(flow).stream().filter(f -> f.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            errors.forEach(f -> err.println(FindingLines.format(file, f)));
            err.println(file + ": the flow has " + errors.size() + " error" + (errors.size() == 1 ? "" : "s")
                    + "; fix " + (errors.size() == 1 ? "it" : "them") + " before running it");
            return PipewrightCli.EXIT_FLOW_ERRORS;
        }
        Snapshot snapshot;
        try {
            snapshot = new RunDriver(Simulation.create(flow, seed)).run(seconds(warmUp), seconds(duration),
                    clock == Clock.paced ? speed : 0);
        } catch (FlowNotRunnableException e) {
            e.problems().forEach(p -> err.println(file + ": error: " + p));
            return PipewrightCli.EXIT_FLOW_ERRORS;
        }
        RunReport report = Reports.from(flow, snapshot, clock.name(), seed, seconds(warmUp));
        List<AssertionResult> results = checks.stream().map(a -> a.check(report)).toList();
        out.print(format == Format.json ? Reports.json(report, results) : Reports.text(report));
        // In JSON mode stdout holds only the document (verdicts included), so the lines go to stderr.
        PrintWriter verdicts = format == Format.json ? err : out;
        if (!results.isEmpty() && format == Format.text) {
            verdicts.println();
        }
        boolean allHeld = true;
        for (AssertionResult result : results) {
            verdicts.println(result.describe());
            allHeld &= result.passed();
        }
        if (!allHeld) {
            err.println(file + ": an assertion did not hold");
            return PipewrightCli.EXIT_ASSERTION_FAILED;
        }
        return 0;
    }

    private void checkOptions() {
        if (duration.isZero()) {
            throw new ParameterException(spec.commandLine(), "--duration must be longer than zero, e.g. 10m");
        }
        if (!(speed >= 0.01 && speed <= 1000)) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "--speed must be from 0.01 to 1000 (was %s)", speed));
        }
    }

    private static void requireNode(Flow flow, Assertion a) {
        boolean byId = flow.node(a.node()).isPresent();
        long byName = flow.nodes().stream().filter(n -> n.name().equals(a.node())).count();
        if (!byId && byName != 1) {
            throw new InvalidAssertionException("assertion '" + a.text() + "': "
                    + (byName > 1 ? byName + " nodes are called '" + a.node() + "'; use the id of the one you mean"
                    : "the flow has no node with the id or name '" + a.node() + "'; its nodes are "
                    + String.join(", ", flow.nodes().stream().map(n -> n.id()).toList())));
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
