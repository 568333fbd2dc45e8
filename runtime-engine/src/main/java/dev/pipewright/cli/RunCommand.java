// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.engine.api.FlowNotRunnableException;
import dev.pipewright.engine.RunChecks;
import dev.pipewright.engine.api.RunLimitException;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.report.Assertion;
import dev.pipewright.engine.report.AssertionResult;
import dev.pipewright.engine.report.InvalidAssertionException;
import dev.pipewright.engine.report.Reports;
import dev.pipewright.engine.report.RunReport;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pipewright run FLOW}: simulates a flow and prints a report; {@code --assert} checks it.
 * A run stops early at its limits ({@code --max-events}, {@code --max-messages},
 * {@code --max-heap}) with the report so far and a sentence naming the limit.
 * Exit codes: 0 done and every assertion held, 1 the flow has errors, 2 a file, option or
 * assertion could not be used, or the run reached a limit, 3 an assertion did not hold, 130
 * stopped by Ctrl-C (the report so far is printed first). On a terminal a progress line on
 * stderr shows the virtual time reached, events per second and the time left.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Simulate a flow and print what each node did.",
            "Example: pipewright run orders.flow.json --duration 1h \\",
            "           --assert 'dlq.count == 0' --assert 'orders.p99 < 200ms'",
            "A run that reaches a limit (--max-events, --max-messages, --max-heap)",
            "stops there: it prints the report so far and one line naming the limit,",
            "and exits with 2.",
            "On a terminal, a progress line on stderr shows the virtual time reached,",
            "events per second and the time left, once a second. Ctrl-C stops the run:",
            "it prints the report of what ran so far, says it stopped early, and exits",
            "with 130."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run finished and every --assert held", "1:the flow has errors",
            "2:a file, option or assertion could not be used, or the run reached a limit", "3:an --assert did not hold",
            "130:stopped by Ctrl-C, after printing the report so far"})
final class RunCommand implements Callable<Integer> {
    /** How virtual time advances. */
    enum Clock { virtual, paced }

    /** How the report is printed. */
    enum Format { text, json }

    /** Most events {@code --trace} writes unless {@code --trace-limit} says otherwise. */
    static final long DEFAULT_TRACE_LIMIT = 10_000_000;

    @Parameters(index = "0", paramLabel = "FLOW", converter = FlowInput.PathConverter.class,
            description = "the flow file (*.flow.json) to run")
    private Path file;

    @Mixin
    private BrokerOption brokerOption;

    @Option(names = "--clock", defaultValue = "virtual", paramLabel = "virtual|paced", converter = OptionValues.ClockName.class,
            description = "virtual: as fast as possible; paced: virtual time follows the wall clock"
                    + " times --speed (default: ${DEFAULT-VALUE})")
    private Clock clock;

    @Option(names = "--duration", defaultValue = "1m", paramLabel = "TIME", converter = OptionValues.RunTime.class,
            description = "virtual time to simulate, e.g. 90s, 10m, 1h (default: ${DEFAULT-VALUE})")
    private Duration duration;

    @Option(names = "--warm-up", defaultValue = "0s", paramLabel = "TIME", converter = OptionValues.WarmUp.class,
            description = "virtual time to run before the statistics start, e.g. 1m (default: none)")
    private Duration warmUp;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "FACTOR", converter = OptionValues.Speed.class,
            description = "paced clock only: virtual seconds per wall second, 0.01 to 1000 (default: ${DEFAULT-VALUE})")
    private double speed;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", converter = OptionValues.Seed.class,
            description = "random seed; the same flow and seed give the same report (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--report", defaultValue = "text", paramLabel = "text|json", converter = OptionValues.ReportFormat.class,
            description = "text: a table for people; json: for programs (default: ${DEFAULT-VALUE})")
    private Format format;

    @Option(names = "--assert", paramLabel = "EXPR",
            description = {"check the run: NODE.METRIC OP VALUE, e.g. 'dlq.count == 0' or 'orders.p99 < 200ms'.",
                "NODE is an id or name; OP is < <= > >= == !=; METRIC is one of count, in, out, depth, rate,"
                    + " mean, p50, p95, p99, max, e2eP50, e2eP95, e2eP99, deadLettered, redelivered, expired, dropped;"
                    + " latencies take a unit (200ms, 1.5s). Repeatable."})
    private List<String> assertions = new ArrayList<>();

    @Option(names = "--max-events", defaultValue = "" + RunLimits.DEFAULT_MAX_EVENTS, paramLabel = "N",
            converter = OptionValues.MaxEvents.class,
            description = "stop the run after this many events (default: ${DEFAULT-VALUE})")
    private long maxEvents;

    @Option(names = "--max-messages", defaultValue = "" + RunLimits.DEFAULT_MAX_MESSAGES, paramLabel = "N",
            converter = OptionValues.MaxMessages.class,
            description = "stop the run when it holds this many messages at once: waiting, in flight or"
                    + " dead-lettered (default: ${DEFAULT-VALUE})")
    private long maxMessages;

    @Option(names = "--max-heap", defaultValue = RunLimits.DEFAULT_MAX_HEAP_PERCENT + "%", paramLabel = "PERCENT",
            converter = OptionValues.MaxHeap.class,
            description = "stop the run when it uses this share of the memory Java may use (-Xmx)"
                    + " (default: ${DEFAULT-VALUE})")
    private double maxHeap;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "write every message event to FILE, one JSON object a line:"
                    + " {\"t\", \"event\", \"node\", \"message\", \"delivery\", \"reason\"}")
    private Path trace;

    @Option(names = "--trace-limit", defaultValue = "" + DEFAULT_TRACE_LIMIT, paramLabel = "N",
            converter = OptionValues.TraceLimit.class,
            description = "stop writing the trace after this many events (default: ${DEFAULT-VALUE})")
    private long traceLimit;

    /** How long Ctrl-C waits for the report so far before the process ends anyway. */
    private static final long REPORT_WAIT_SECONDS = 30;

    @Spec
    private CommandSpec spec;

    /** Set by Ctrl-C (the shutdown hook), or by a test's watcher: the run stops and reports what ran. */
    private final AtomicBoolean stop = new AtomicBoolean();

    /** Told between batches of events; a test sets it, a terminal gets the progress line. */
    private RunDriver.Watcher watcher;

    /** Lets a test stop the run from a watcher that sees the simulation, e.g. at a virtual time. */
    void watchWith(RunDriver.Watcher watcher) {
        this.watcher = watcher;
    }

    /** The flag that stops the run early with the report so far. */
    AtomicBoolean stopFlag() {
        return stop;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch reported = new CountDownLatch(1);
        // Ctrl-C starts the JVM's shutdown: the hook stops the run and holds the exit until the
        // report so far is printed; the JVM then exits with 130 (128 + SIGINT).
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                reported.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pipewright-run-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return execute(out, err);
        } finally {
            out.flush();
            err.flush();
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C came: the hook is running and lets the JVM exit now that the report is out.
            }
        }
    }

    private int execute(PrintWriter out, PrintWriter err) {
        Flow flow = FlowInput.readOrTell(file, brokerOption.broker(), err);
        if (flow == null) {
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
            err.println(file + ": " + Messages.oneLine(e));
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        List<Finding> errors = RunChecks.all(flow).stream().filter(f -> f.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            errors.forEach(f -> err.println(FindingLines.format(file, f)));
            err.println(file + ": the flow has " + errors.size() + " error" + (errors.size() == 1 ? "" : "s")
                    + "; fix " + (errors.size() == 1 ? "it" : "them") + " before running it");
            return PipewrightCli.EXIT_FLOW_ERRORS;
        }
        Simulation simulation;
        try {
            simulation = Simulation.create(flow, seed, new RunLimits(maxEvents, maxMessages, maxHeap));
        } catch (FlowNotRunnableException e) {
            e.problems().forEach(p -> err.println(file + ": " + p));
            return PipewrightCli.EXIT_FLOW_ERRORS;
        }
        TraceFile traceFile = null;
        if (trace != null) {
            traceFile = TraceFile.openOrTell(trace, traceLimit, err);
            if (traceFile == null) {
                return PipewrightCli.EXIT_UNUSABLE_INPUT;
            }
            simulation.setMessageEvents(traceFile);
        }
        RunProgress progress = watcher == null && clock == Clock.virtual && RunProgress.onTerminal()
                // Straight to stderr: the command line's writer escapes a carriage return, which
                // this line needs; it holds only its own numbers and words, nothing from the flow.
                ? new RunProgress(new PrintWriter(System.err, false, System.err.charset()), simulation.now(), seconds(warmUp) + seconds(duration), simulation.eventCount(),
                        System::nanoTime)
                : null;
        RunDriver.Watcher watching = watcher != null ? watcher : progress != null ? progress : s -> { };
        RunDriver.Outcome outcome = new RunDriver(simulation, stop, watching).run(seconds(warmUp), seconds(duration),
                clock == Clock.paced ? speed : 0);
        if (progress != null) {
            progress.clear();
        }
        if (traceFile != null) {
            simulation.setMessageEvents(null);
            if (!traceFile.closeAndTell(err)) {
                return PipewrightCli.EXIT_UNUSABLE_INPUT;
            }
        }
        // A text table shows names as they are, line breaks too; JSON escapes them itself.
        RunReport report = Reports.from(format == Format.text ? printable(flow) : flow, outcome.snapshot(), clock.name(),
                seed, outcome.warmUpSeconds());
        if (outcome.interrupted()) {
            out.print(format == Format.json ? Reports.json(report) : Reports.text(report));
            out.flush();
            err.println(file + ": stopped early (Ctrl-C) at " + RunProgress.duration(outcome.snapshot().time())
                    + " of " + RunProgress.duration(seconds(warmUp) + seconds(duration))
                    + " of virtual time; the report covers what ran until then"
                    + (checks.isEmpty() ? "" : "; the --assert checks were not made"));
            return PipewrightCli.EXIT_STOPPED;
        }
        if (outcome.stopped() != null) {
            out.print(format == Format.json ? Reports.json(report) : Reports.text(report));
            err.println(file + ": the run stopped: " + outcome.stopped().getMessage() + "; " + howToRaise(outcome.stopped())
                    + (checks.isEmpty() ? "" : "; the --assert checks were not made"));
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
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

    /** The option and value that let a run go past the limit it reached. */
    private static String howToRaise(RunLimitException e) {
        long doubled = e.value() >= Long.MAX_VALUE / 2.0 ? Long.MAX_VALUE : 2 * (long) e.value();
        return switch (e.limit()) {
            case EVENTS -> "to allow more, use --max-events " + doubled;
            case MESSAGES -> "to allow more, use --max-messages " + doubled;
            case MEMORY -> {
                long gib = Math.max(1, (long) Math.ceil(2.0 * Runtime.getRuntime().maxMemory() / (1L << 30)));
                yield (e.value() < 0.95 ? "to allow more, use --max-heap 95% or" : "to allow more,")
                        + " give Java more memory, e.g. JAVA_TOOL_OPTIONS=-Xmx" + gib + "g";
            }
        };
    }

    private static void requireNode(Flow flow, Assertion a) {
        a.problemIn(flow).ifPresent(problem -> {
            throw new InvalidAssertionException(problem);
        });
    }

    /** The flow with its names {@link TerminalText#escape escaped}, for a text report. */
    private static Flow printable(Flow flow) {
        return new Flow(new FlowInfo(TerminalText.escape(flow.info().name()), flow.info().description(),
                flow.info().broker()),
                flow.nodes().stream().map(n -> n.withName(TerminalText.escape(n.name()))).toList(), flow.edges());
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
