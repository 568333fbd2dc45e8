// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.brokers.rabbitmq.LiveRun;
import dev.pipewright.brokers.rabbitmq.RabbitTarget;
import dev.pipewright.engine.RunChecks;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.engine.report.Reports;
import dev.pipewright.engine.report.RunReport;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pipewright deploy FLOW --rabbitmq URI}: declares the flow's RabbitMQ export on a real
 * broker, runs its sources and consumers there and prints the same report as {@code run}.
 * Exit codes: 0 done, 1 the flow has errors or parts that do not run live, 2 a file or option
 * could not be used or the broker could not be used (one sentence naming its address).
 */
@Command(name = "deploy",
        mixinStandardHelpOptions = true,
        description = {"Run a flow on a real RabbitMQ and print what each node did.",
            "Example: pipewright deploy orders.flow.json --rabbitmq amqp://guest@127.0.0.1:5672/%2F --run 30s --teardown",
            "The password may come from PIPEWRIGHT_RABBITMQ_PASSWORD instead of the URI."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run finished", "1:the flow has errors, or parts that do not run live",
            "2:a file or option could not be used, or the broker could not be used"})
final class DeployCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FLOW", converter = FlowInput.PathConverter.class,
            description = "the flow file (*.flow.json) to run")
    private Path file;

    @Option(names = "--rabbitmq", required = true, paramLabel = "URI",
            description = "amqp://user:password@host:port/vhost, or host:port,host:port for a cluster")
    private String rabbitmq;

    @Option(names = "--run", defaultValue = "10s", paramLabel = "TIME", converter = OptionValues.RunTime.class,
            description = "the longest the run goes on, e.g. 30s; it ends sooner once every source reached its"
                    + " message limit and every consumed queue is empty (default: ${DEFAULT-VALUE})")
    private Duration runFor;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", converter = OptionValues.Seed.class,
            description = "random seed of the arrivals and processing times (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--report", defaultValue = "text", paramLabel = "text|json", converter = OptionValues.ReportFormat.class,
            description = "text: a table for people; json: for programs (default: ${DEFAULT-VALUE})")
    private RunCommand.Format format;

    @Option(names = "--teardown", description = "delete the exchanges and queues declared, at the end (also on Ctrl-C or failure)")
    private boolean teardown;

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
        Flow flow = FlowInput.readOrTell(file, null, err);
        if (flow == null) {
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        RabbitTarget target;
        try {
            target = RabbitTarget.parse(rabbitmq, System.getenv(RabbitTarget.PASSWORD_VARIABLE));
        } catch (IllegalArgumentException e) {
            err.println("--rabbitmq: " + e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        List<Finding> findings = new ArrayList<>(RunChecks.all(flow));
        findings.addAll(LiveRun.check(flow));
        List<Finding> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            errors.forEach(f -> err.println(FindingLines.format(file, f)));
            err.println(file + ": the flow has " + errors.size() + " error" + (errors.size() == 1 ? "" : "s")
                    + " for a live run; fix " + (errors.size() == 1 ? "it" : "them") + " before deploying it");
            return PipewrightCli.EXIT_FLOW_ERRORS;
        }
        findings.stream().filter(f -> f.severity() == Severity.WARNING && LiveRun.check(flow).contains(f))
                .forEach(f -> err.println(FindingLines.format(file, f)));
        LiveRun live;
        try {
            live = LiveRun.declare(flow, target);
        } catch (LiveFailure e) {
            err.println(e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        } catch (IllegalArgumentException e) {
            err.println("--rabbitmq " + target + ": " + e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        live.warnings().forEach(f -> err.println(FindingLines.format(file, f)));
        // Ctrl-C: tear down what was declared, best effort, before the JVM goes.
        Thread onExit = new Thread(() -> {
            if (teardown) {
                live.teardown();
            }
            live.close();
        }, "pipewright-deploy-teardown");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            Snapshot snapshot = live.run(seed, runFor);
            RunReport report = Reports.from(flow, snapshot, "live", seed);
            out.print(format == RunCommand.Format.json ? Reports.json(report) : Reports.text(report));
            return 0;
        } catch (LiveFailure e) {
            err.println(e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        } finally {
            if (teardown) {
                live.teardown();
            }
            live.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // The JVM is shutting down already; the hook does the same.
            }
        }
    }
}
