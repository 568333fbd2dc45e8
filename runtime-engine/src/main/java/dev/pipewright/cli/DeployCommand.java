// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.brokers.Keyring;
import dev.pipewright.brokers.artemis.ArtemisLiveRun;
import dev.pipewright.brokers.artemis.ArtemisTarget;
import dev.pipewright.brokers.live.LiveDeployment;
import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.brokers.kafka.KafkaLiveRun;
import dev.pipewright.brokers.kafka.KafkaTarget;
import dev.pipewright.brokers.mqtt.MqttLiveRun;
import dev.pipewright.brokers.mqtt.MqttTarget;
import dev.pipewright.brokers.nats.NatsLiveRun;
import dev.pipewright.brokers.nats.NatsTarget;
import dev.pipewright.brokers.rabbitmq.LiveRun;
import dev.pipewright.brokers.rabbitmq.RabbitTarget;
import dev.pipewright.brokers.TlsTrust;
import dev.pipewright.brokers.sqs.SqsLiveRun;
import dev.pipewright.brokers.sqs.SqsTarget;
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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pipewright deploy FLOW --rabbitmq URI | --artemis URL|embedded | --mqtt URL | --sqs URL|embedded}:
 * declares the flow's RabbitMQ export on a real RabbitMQ, or its Artemis export on a real Artemis (at
 * a URL, or an embedded server started for the run), or subscribes its topics' wires on a real MQTT
 * broker, or creates its SQS export's queues on Amazon SQS or ElasticMQ, or its Kafka export's topics
 * on a Kafka cluster ({@code --kafka HOST:PORT}), runs its sources and
 * consumers there and prints the same report as {@code run}.
 * Exit codes: 0 done, 1 the flow has errors or parts that do not run live, 2 a file or option
 * could not be used or the broker could not be used (one sentence naming its address).
 */
@Command(name = "deploy",
        mixinStandardHelpOptions = true,
        description = {"Run a flow on a real RabbitMQ, Artemis, MQTT broker, Amazon SQS (ElasticMQ), Kafka or NATS JetStream and print what each node did.",
            "Example: pipewright deploy orders.flow.json --rabbitmq amqp://guest@127.0.0.1:5672/%%2F --run 30s --teardown",
            "Example: pipewright deploy orders.flow.json --artemis embedded",
            "Example: pipewright deploy telemetry.flow.json --mqtt tcp://127.0.0.1:1883",
            "Example: pipewright deploy orders.flow.json --sqs http://127.0.0.1:9324 --teardown",
            "Example: pipewright deploy kafka-orders.flow.json --kafka 127.0.0.1:9092 --teardown",
            "Example: pipewright deploy kafka-orders.flow.json --kafka k1:9092,k2:9092 --kafka-user alice",
            "Example: pipewright deploy nats-payments.flow.json --nats nats://127.0.0.1:4222 --nats-user alice --teardown",
            "Example: pipewright deploy orders.flow.json --rabbitmq amqps://app@rabbit.example:5671/%%2F --tls-ca ca.pem",
            "The password is the URI's; without one, the desktop keyring's for that address and user (where the app"
                + " remembers it), else PIPEWRIGHT_RABBITMQ_PASSWORD, PIPEWRIGHT_ARTEMIS_PASSWORD or PIPEWRIGHT_MQTT_PASSWORD;"
                + " Kafka's (with --kafka-user) the keyring's, else PIPEWRIGHT_KAFKA_PASSWORD; NATS's (with --nats-user,"
                + " else the token) the keyring's, else PIPEWRIGHT_NATS_PASSWORD; SQS's secret key the"
                + " keyring's for AWS_ACCESS_KEY_ID at that endpoint, else AWS_SECRET_ACCESS_KEY."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run finished", "1:the flow has errors, or parts that do not run live",
            "2:a file or option could not be used, or the broker could not be used"})
final class DeployCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FLOW", converter = FlowInput.PathConverter.class,
            description = "the flow file (*.flow.json) to run")
    private Path file;

    /** Exactly one broker. */
    static final class Broker {
        @Option(names = "--rabbitmq", required = true, paramLabel = "URI",
                description = "amqp://user:password@host:port/vhost, or host:port,host:port for a cluster")
        String rabbitmq;

        @Option(names = "--artemis", required = true, paramLabel = "URL|embedded",
                description = "tcp://user@host:port (password in PIPEWRIGHT_ARTEMIS_PASSWORD), or embedded:"
                        + " an Artemis server started in-process from the flow's broker.xml, removed after")
        String artemis;

        @Option(names = "--mqtt", required = true, paramLabel = "URL",
                description = "tcp://[user@]host:port of an MQTT broker such as Mosquitto (password in"
                        + " PIPEWRIGHT_MQTT_PASSWORD); the run's topics go under pipewright/RUN/, new each run")
        String mqtt;

        @Option(names = "--sqs", required = true, paramLabel = "URL|embedded",
                description = "an SQS endpoint, http://127.0.0.1:9324 (ElasticMQ) or https://sqs.REGION.amazonaws.com"
                        + " (credentials from AWS_ACCESS_KEY_ID and the keyring's secret key for it, else"
                        + " AWS_SECRET_ACCESS_KEY, else dummy ones for"
                        + " ElasticMQ; region from AWS_REGION), or embedded: an ElasticMQ started in-process, removed after")
        String sqs;

        @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT",
                description = "the bootstrap servers of a Kafka cluster, host:port[,host:port]; the run's topics and"
                        + " consumer groups go under pw-RUN-, new each run")
        String kafka;

        @Option(names = "--nats", required = true, paramLabel = "URL",
                description = "nats://host:port of a NATS server with JetStream (anonymous, or see --nats-user); the run's"
                        + " streams go under pw-RUN- and its subjects under pw.RUN., new each run")
        String nats;
    }

    // An option of its own, not user@host in --kafka: the login is the cluster's, not the first server's,
    // and a SASL user may hold '@' itself.
    @Option(names = "--kafka-user", paramLabel = "USER",
            description = "with --kafka: log in with SASL/PLAIN as USER (password from the keyring, where the"
                    + " app remembers it, else PIPEWRIGHT_KAFKA_PASSWORD)")
    private String kafkaUser;

    // As --kafka-user: the address takes no login (NatsTarget), the app asks for the user apart.
    @Option(names = "--nats-user", paramLabel = "USER",
            description = "with --nats: log in as USER (password from the keyring, where the app remembers it,"
                    + " else PIPEWRIGHT_NATS_PASSWORD); without it, a password found there is the server's token")
    private String natsUser;

    @Option(names = "--kafka-tls", description = "with --kafka: connect over TLS (SASL_SSL with --kafka-user, else"
            + " SSL), trusting the CAs the JDK trusts, or --tls-ca's")
    private boolean kafkaTls;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Broker broker;

    /**
     * The Artemis password tests give, since a test cannot set an environment variable; null
     * (always, outside tests) means {@link ArtemisTarget#PASSWORD_VARIABLE}.
     */
    static volatile String artemisPasswordForTests;

    /** The keyring tests give (a private one); null (always, outside tests) means the desktop session's. */
    static volatile Keyring keyringForTests;

    private static Keyring keyring() {
        Keyring k = keyringForTests;
        return k != null ? k : Keyring.of(System.getenv());
    }

    @Option(names = "--tls-ca", paramLabel = "FILE", converter = FlowInput.PathConverter.class,
            description = "with an amqps:// URI, or --kafka (then over TLS): trust the broker's certificate if this"
                    + " PEM file's CA signed it (default: the CAs the JDK trusts)")
    private Path tlsCa;

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

    @Option(names = "--teardown", description = "delete the exchanges, queues and addresses declared, at the end"
            + " (also on Ctrl-C or failure); an embedded Artemis goes with the run anyway")
    private boolean teardown;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "write what the clients see happen to each message to FILE, one JSON object a line:"
                    + " {\"t\", \"event\": receive|ack|requeue, \"node\", \"message\": \"SOURCE-SEQ\", \"delivery\"}")
    private Path trace;

    @Option(names = "--trace-limit", defaultValue = "" + RunCommand.DEFAULT_TRACE_LIMIT, paramLabel = "N",
            converter = OptionValues.TraceLimit.class,
            description = "stop writing the trace after this many events (default: ${DEFAULT-VALUE})")
    private long traceLimit;

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
        if (kafkaUser != null && broker.kafka == null) {
            err.println("--kafka-user: is for a Kafka cluster at --kafka; NATS takes --nats-user, the other"
                    + " brokers the user in the URI");
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        if (natsUser != null && broker.nats == null) {
            err.println("--nats-user: is for a NATS server at --nats; Kafka takes --kafka-user, the other"
                    + " brokers the user in the URI");
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        if (broker.mqtt != null) {
            return deployMqtt(flow, out, err);
        }
        if (broker.nats != null) {
            return deployNats(flow, out, err);
        }
        if (broker.sqs != null) {
            return deploySqs(flow, out, err);
        }
        if (broker.kafka != null) {
            return deployKafka(flow, out, err);
        }
        String option = broker.rabbitmq != null ? "--rabbitmq" : "--artemis";
        RabbitTarget rabbit = null;
        ArtemisTarget artemis = null;
        try {
            if (broker.rabbitmq != null) {
                javax.net.ssl.SSLContext tls;
                try {
                    tls = tlsCa == null ? null : TlsTrust.fromPem(tlsCa);
                } catch (IllegalArgumentException e) {
                    err.println("--tls-ca: " + e.getMessage());
                    return PipewrightCli.EXIT_UNUSABLE_INPUT;
                }
                rabbit = RabbitTarget.parse(broker.rabbitmq, DeployPassword.fallback("RabbitMQ", broker.rabbitmq, "guest",
                        RabbitTarget.PASSWORD_VARIABLE, keyring(), System::getenv, err), tls);
            } else {
                if (tlsCa != null) {
                    err.println("--tls-ca: is for a RabbitMQ at an amqps:// URI; Artemis takes its TLS settings in"
                            + " the URL (?sslEnabled=true&trustStorePath=...)");
                    return PipewrightCli.EXIT_UNUSABLE_INPUT;
                }
                artemis = ArtemisTarget.parse(broker.artemis, artemisPasswordForTests != null ? artemisPasswordForTests
                        : broker.artemis.strip().equalsIgnoreCase(ArtemisTarget.EMBEDDED) ? null : DeployPassword.fallback("Artemis", broker.artemis,
                        "", ArtemisTarget.PASSWORD_VARIABLE, keyring(), System::getenv, err));
            }
        } catch (IllegalArgumentException e) {
            err.println(option + ": " + e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        if (!deployable(flow, rabbit != null ? LiveRun.check(flow) : ArtemisLiveRun.check(flow), err)) {
            return PipewrightCli.EXIT_FLOW_ERRORS;
        }
        LiveDeployment live;
        try {
            live = rabbit != null ? LiveRun.declare(flow, rabbit) : ArtemisLiveRun.declare(flow, artemis);
        } catch (LiveFailure e) {
            err.println(e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println(option + " " + (rabbit != null ? rabbit : artemis) + ": " + e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        return runLive(flow, live, out, err);
    }

    /** {@code --mqtt}: checks, connects and runs on an MQTT broker. */
    private int deployMqtt(Flow flow, PrintWriter out, PrintWriter err) {
        if (tlsCa != null) {
            err.println("--tls-ca: is for a RabbitMQ at an amqps:// URI; a live MQTT run connects over plain tcp://");
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        MqttTarget mqtt;
        try {
            mqtt = MqttTarget.parse(broker.mqtt, DeployPassword.fallback("MQTT", broker.mqtt, "",
                    MqttTarget.PASSWORD_VARIABLE, keyring(), System::getenv, err));
        } catch (IllegalArgumentException e) {
            err.println("--mqtt: " + e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        if (!deployable(flow, MqttLiveRun.check(flow), err)) {
            return PipewrightCli.EXIT_FLOW_ERRORS;
        }
        LiveDeployment live;
        try {
            live = MqttLiveRun.declare(flow, mqtt);
        } catch (LiveFailure e) {
            err.println(e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        return runLive(flow, live, out, err);
    }

    /** {@code --nats}: checks, creates the streams and consumers and runs on NATS JetStream. */
    private int deployNats(Flow flow, PrintWriter out, PrintWriter err) {
        if (tlsCa != null) {
            err.println("--tls-ca: is for a RabbitMQ at an amqps:// URI; a live NATS run connects over plain nats://");
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        NatsTarget nats;
        try {
            NatsTarget.parse(broker.nats); // the address first: a bad one is said before the keyring is asked
            nats = NatsTarget.parse(broker.nats, natsUser, DeployPassword.nats(broker.nats, natsUser, keyring(),
                    System::getenv, err));
        } catch (IllegalArgumentException e) {
            err.println("--nats: " + e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        if (!deployable(flow, NatsLiveRun.check(flow), err)) {
            return PipewrightCli.EXIT_FLOW_ERRORS;
        }
        LiveDeployment live;
        try {
            live = NatsLiveRun.declare(flow, nats); // quiet while connecting: the LiveFailure is the one sentence
        } catch (LiveFailure e) {
            err.println(e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        return runLive(flow, live, out, err);
    }

    /** {@code --sqs}: checks, creates the queues and runs on Amazon SQS or ElasticMQ. */
    private int deploySqs(Flow flow, PrintWriter out, PrintWriter err) {
        if (tlsCa != null) {
            err.println("--tls-ca: is for a RabbitMQ at an amqps:// URI; an https:// SQS endpoint is trusted by"
                    + " the CAs the JDK trusts");
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        SqsTarget sqs;
        try {
            // The keyring's secret key for the environment's key id comes first, as in the app.
            java.util.Optional<String> kept = DeployPassword.sqsSecretKey(broker.sqs, System::getenv, keyring(), err);
            sqs = kept.isPresent() ? SqsTarget.parse(broker.sqs, "", System.getenv("AWS_ACCESS_KEY_ID"), kept.get(),
                    System.getenv()) : SqsTarget.parse(broker.sqs, System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("--sqs: " + e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        if (!deployable(flow, SqsLiveRun.check(flow), err)) {
            return PipewrightCli.EXIT_FLOW_ERRORS;
        }
        LiveDeployment live;
        try {
            live = SqsLiveRun.declare(flow, sqs);
        } catch (LiveFailure e) {
            err.println(e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        return runLive(flow, live, out, err);
    }

    /** {@code --kafka}: checks, creates the topics and runs on a Kafka cluster. */
    private int deployKafka(Flow flow, PrintWriter out, PrintWriter err) {
        KafkaTarget kafka;
        try {
            kafka = KafkaTarget.parse(broker.kafka, kafkaUser, DeployPassword.kafka(broker.kafka, kafkaUser, keyring(),
                    System::getenv, err)).whenUnanswered("start one there or give --kafka the address of a"
                    + " running one");
        } catch (IllegalArgumentException e) {
            err.println("--kafka: " + e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        if (kafkaTls || tlsCa != null) {
            try {
                kafka = kafka.overTls(tlsCa);
            } catch (IllegalArgumentException e) {
                err.println("--tls-ca: " + e.getMessage());
                return PipewrightCli.EXIT_UNUSABLE_INPUT;
            }
        }
        if (!deployable(flow, KafkaLiveRun.check(flow), err)) {
            return PipewrightCli.EXIT_FLOW_ERRORS;
        }
        LiveDeployment live;
        try {
            live = KafkaLiveRun.declare(flow, kafka);
        } catch (LiveFailure e) {
            err.println(e.getMessage());
            return PipewrightCli.EXIT_UNUSABLE_INPUT;
        }
        return runLive(flow, live, out, err);
    }

    /**
     * Prints the flow's errors for a live run (the model's, the engine's and the broker's) and says
     * so, or its live warnings: false when there are errors and nothing may be deployed.
     */
    private boolean deployable(Flow flow, List<Finding> liveFindings, PrintWriter err) {
        List<Finding> findings = new ArrayList<>(RunChecks.all(flow));
        findings.addAll(liveFindings);
        List<Finding> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            errors.forEach(f -> err.println(FindingLines.format(file, f)));
            err.println(file + ": the flow has " + errors.size() + " error" + (errors.size() == 1 ? "" : "s")
                    + " for a live run; fix " + (errors.size() == 1 ? "it" : "them") + " before deploying it");
            return false;
        }
        liveFindings.stream().filter(f -> f.severity() == Severity.WARNING)
                .forEach(f -> err.println(FindingLines.format(file, f)));
        return true;
    }

    /** Runs a declared deployment and prints its report; tears down on request and always closes. */
    private int runLive(Flow flow, LiveDeployment live, PrintWriter out, PrintWriter err) {
        live.warnings().forEach(f -> err.println(FindingLines.format(file, f)));
        TraceFile traceFile = null;
        if (trace != null) {
            traceFile = TraceFile.openOrTell(trace, traceLimit, err);
            if (traceFile == null) {
                if (teardown) {
                    live.teardown();
                }
                live.close();
                return PipewrightCli.EXIT_UNUSABLE_INPUT;
            }
        }
        live.setEvents(traceFile);
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
            live.recovered().ifPresent(err::println);
            if (traceFile != null) {
                live.setEvents(null);
                if (!traceFile.closeAndTell(err)) {
                    return PipewrightCli.EXIT_UNUSABLE_INPUT;
                }
            }
            RunReport report = Reports.from(flow, snapshot, "live", seed);
            out.print(format == RunCommand.Format.json ? Reports.json(report) : Reports.text(report));
            return 0;
        } catch (LiveFailure e) {
            err.println(e.getMessage());
            if (traceFile != null) {
                traceFile.closeAndTell(err); // what it holds so far may say what went wrong
            }
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
