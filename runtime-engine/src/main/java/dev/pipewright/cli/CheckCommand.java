// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.engine.RunChecks;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Portability;
import dev.pipewright.model.check.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pipewright check FLOW...}: validation and lint, and everything else a run would refuse
 * ({@link RunChecks#all}: payload templates, expressions). Prints each finding as
 * {@code FILE: severity: node: message (fix: ...)}; exits 0 when no file has errors, 1 when one
 * has, 2 when one cannot be read.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Check flows for errors (which stop a run) and advice (lint).",
            "Prints each finding as FILE: severity: node: message (fix: ...).",
            "With --exercise LESSON: check one flow against a lesson's challenge instead."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings allowed); with --exercise: every goal met",
            "1:a flow has errors; with --exercise: a goal missed", "2:a file could not be read"})
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FLOW", converter = FlowInput.PathConverter.class,
            description = "flow files (*.flow.json) to check")
    private List<Path> flows;

    @Mixin
    private BrokerOption brokerOption;

    @Option(names = "--target", paramLabel = "rabbitmq|artemis|sqs|pubsub|mqtt|kafka|nats", converter = OptionValues.BrokerName.class,
            description = "also say where the flow would behave differently on this broker, or cannot be had there")
    private Broker target;

    @Option(names = "--exercise", paramLabel = "LESSON",
            description = {"run FLOW for the challenge of LESSON (a lesson's .md file or a sample id) and say which goals",
                "it meets and, for each it misses, by how much; exit 0 all met, 1 one missed or the flow cannot run,",
                "2 the lesson or flow cannot be used"})
    private String exercise;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (exercise != null) {
            try {
                if (flows.size() != 1) {
                    err.println("pipewright check --exercise: name one flow to check against the lesson, not "
                            + flows.size() + "; e.g. pipewright check --exercise dead-letter-queue my.flow.json");
                    return PipewrightCli.EXIT_UNUSABLE_INPUT;
                }
                return ExerciseCheck.run(exercise, flows.get(0), brokerOption.broker(), out, err);
            } finally {
                out.flush();
                err.flush();
            }
        }
        int exit = 0;
        for (Path file : flows) {
            exit = Math.max(exit, check(file, brokerOption.broker(), target, out, err));
        }
        out.flush();
        err.flush();
        return exit;
    }

    private static int check(Path file, Broker broker, Broker target, PrintWriter out, PrintWriter err) {
        Flow flow = FlowInput.readOrTell(file, broker, err);
        if (flow == null) {
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        List<Finding> findings;
        try {
            findings = RunChecks.all(flow);
            if (target != null && target != flow.info().broker()) {
                findings = new ArrayList<>(findings);
                findings.addAll(Portability.findings(flow, target));
            }
        } catch (RuntimeException e) {
            // A bug in a check must not hide the other files' results, nor show a stack trace.
            err.println(file + ": could not be checked: internal error: " + Messages.oneLine(e)
                    + "; please report it with the flow file");
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        boolean errors = false;
        for (Finding f : findings) {
            out.println(FindingLines.format(file, f));
            errors |= f.severity() == Severity.ERROR;
        }
        if (findings.isEmpty()) {
            out.println(file + ": ok");
        }
        return errors ? PipewrightCli.EXIT_FLOW_ERRORS : 0;
    }
}
