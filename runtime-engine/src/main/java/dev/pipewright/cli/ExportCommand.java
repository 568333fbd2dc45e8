// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.Format;
import dev.pipewright.model.config.sqs.SqsQueues;
import dev.pipewright.model.config.formats.ConfigFiles;
import dev.pipewright.model.export.MermaidExport;
import dev.pipewright.model.export.SvgExport;
import dev.pipewright.model.io.FlowFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pipewright export FLOW --to FORMAT [-o FILE]}: the flow as broker configuration
 * (RabbitMQ definitions, Artemis {@code broker.xml}), an AsyncAPI document or a diagram. Prints
 * to standard output unless {@code -o} names a file, which is saved atomically; what the format
 * cannot hold is printed to standard error as warnings naming the node.
 */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        description = {"Write a flow as broker configuration, an AsyncAPI document or a diagram.",
            "Warnings name what the format cannot hold; they go to standard error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written (warnings allowed)", "2:the flow could not be read or the file not written"})
final class ExportCommand implements Callable<Integer> {
    /** What {@code --to} may name. */
    enum Target {
        RABBITMQ("rabbitmq"), ARTEMIS("artemis"), SQS("sqs"), PUBSUB("pubsub"), KAFKA("kafka"), NATS("nats"), ASYNCAPI("asyncapi"), SVG("svg"), MERMAID("mermaid");

        private final String word;

        Target(String word) {
            this.word = word;
        }

        static Target named(String word) {
            for (Target t : values()) {
                if (t.word.equalsIgnoreCase(word)) {
                    return t;
                }
            }
            return null;
        }
    }

    @Parameters(index = "0", paramLabel = "FLOW", converter = FlowInput.PathConverter.class,
            description = "the flow file (*.flow.json)")
    private Path flowFile;

    @Option(names = "--to", required = true, paramLabel = "rabbitmq|artemis|sqs|pubsub|kafka|nats|asyncapi|svg|mermaid",
            converter = OptionValues.ExportTarget.class, description = "the format to write")
    private Target target;

    @Option(names = "--vhost", paramLabel = "V", defaultValue = "/",
            description = "the RabbitMQ virtual host the definitions are for (default: ${DEFAULT-VALUE})")
    private String vhost;

    @Option(names = "--arn-prefix", paramLabel = "arn:aws:sqs:REGION:ACCOUNT", defaultValue = SqsQueues.DEFAULT_ARN_PREFIX,
            description = "with --to sqs: the start of the dead-letter queues' ARNs in redrive policies"
                    + " (default: ${DEFAULT-VALUE}, a placeholder account)")
    private String arnPrefix;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", converter = FlowInput.PathConverter.class,
            description = "save to this file instead of printing")
    private Path output;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Flow flow = FlowInput.readOrTell(flowFile, null, err);
        if (flow == null) {
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        Exported exported;
        try {
            exported = target == Target.SQS ? SqsQueues.write(flow, arnPrefix) : export(flow, target, vhost);
        } catch (IllegalArgumentException e) {
            if (target != Target.RABBITMQ && target != Target.SQS) {
                throw e;
            }
            // The RabbitMQ writer refuses a virtual host name RabbitMQ would not take, and the SQS
            // writer an ARN prefix that is not one, in words.
            err.println("pipewright export: " + (target == Target.SQS ? "--arn-prefix: " : "--vhost: ") + e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        for (Finding f : exported.warnings()) {
            err.println(FindingLines.format(flowFile, f));
        }
        if (output == null) {
            out.print(exported.text());
            out.flush();
            return 0;
        }
        try {
            FlowFiles.writeText(output, exported.text());
        } catch (IOException e) {
            err.println(output + ": could not be saved (" + Messages.oneLine(e) + "); check the folder exists and can be written");
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        return 0;
    }

    static Exported export(Flow flow, Target target, String vhost) {
        return switch (target) {
            case RABBITMQ -> ConfigFiles.write(flow, Format.RABBITMQ, vhost);
            case ARTEMIS -> ConfigFiles.write(flow, Format.ARTEMIS, vhost);
            case SQS -> ConfigFiles.write(flow, Format.SQS, vhost);
            case PUBSUB -> ConfigFiles.write(flow, Format.PUBSUB, vhost);
            case KAFKA -> ConfigFiles.write(flow, Format.KAFKA, vhost);
            case NATS -> ConfigFiles.write(flow, Format.NATS, vhost);
            case ASYNCAPI -> ConfigFiles.write(flow, Format.ASYNCAPI, vhost);
            case SVG -> new Exported(SvgExport.write(flow), List.of());
            case MERMAID -> new Exported(MermaidExport.write(flow), List.of());
        };
    }
}
