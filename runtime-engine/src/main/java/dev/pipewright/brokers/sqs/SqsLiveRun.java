// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.sqs;

import dev.pipewright.brokers.live.RunParts;
import dev.pipewright.brokers.live.SessionControls;
import dev.pipewright.brokers.live.ClientInstances;
import dev.pipewright.brokers.live.CrashSchedule;
import dev.pipewright.brokers.live.LiveChecks;
import dev.pipewright.brokers.live.LiveDeployment;
import dev.pipewright.brokers.live.LiveEvents;
import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.brokers.live.LiveLedger;
import dev.pipewright.brokers.live.LivePayload;
import dev.pipewright.brokers.live.LiveSession;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A flow run on Amazon SQS or ElasticMQ: {@link #declare} creates the queues the SQS export writes
 * (attributes and redrive policies), {@link #run} lets its sources send and its consumers receive
 * as modelled ({@link SqsSource}, {@link SqsConsumerInstance}) and ends in the same
 * {@link Snapshot} the simulator publishes, counted by a {@link LiveLedger}; {@link #teardown}
 * deletes the queues. Depths come from SQS's approximate counts (exact on ElasticMQ): visible, in
 * flight and delayed. SQS has no topics (SNS is not here): {@link #check} refuses them, with what
 * no live backend runs yet.
 *
 * <p>Run by hand ({@link SqsBackend}): rates, floods, pausing a consumer (its instances stop
 * receiving, finishing what they hold), its number of instances (one taken away finishes what it
 * holds) and crashing one instance (it deletes nothing more, so SQS gives what it held back when
 * each message's visibility timeout ends) work; endpoints do not run on SQS.
 */
public final class SqsLiveRun implements LiveSession {
    private static final long POLL_MS = 20;
    /** How long the end of a run waits for a source thread in a send. */
    private static final long JOIN_MS = 35_000;

    private final Flow flow;
    private final SqsTarget target;
    /** Where the endpoint is in messages: the target, or the embedded ElasticMQ's address. */
    private final String at;
    private final EmbeddedElasticMq embedded;
    private final SqsClient sqs;
    private final SqsTopology topology;
    private final LiveLedger ledger;
    /**
     * The consumer instances of a run, by consumer node: a crashed instance receives and deletes
     * nothing more, so SQS gives what it held back when each message's visibility timeout ends; a
     * restore starts a new one.
     */
    private final ClientInstances<SqsConsumerInstance> consumers;
    /** The timer the current run's or session's instances hold their messages for the processing time on. */
    private volatile ScheduledExecutorService consumerTimer;
    private volatile Exception failure;
    private volatile boolean stopping;
    /** A run by hand (begin ... end): held or played, its paused consumers, its sources. */
    private final SessionControls session = new SessionControls();
    private final List<SqsSource> sessionSources = new ArrayList<>();
    private ScheduledExecutorService sessionTimer;

    private SqsLiveRun(Flow flow, SqsTarget target, String at, EmbeddedElasticMq embedded, SqsClient sqs,
                       SqsTopology topology) {
        this.flow = flow;
        this.target = target;
        this.at = at;
        this.embedded = embedded;
        this.sqs = sqs;
        this.topology = topology;
        this.ledger = new LiveLedger(flow);
        this.consumers = new ClientInstances<>(flow, (c, i, seed) -> instance(c, i, seed, consumerTimer), () -> stopping);
    }

    /**
     * What this backend refuses in {@code flow}, in the words {@code check} uses: errors for what
     * does not run on SQS, warnings for what runs without one of its properties.
     */
    public static List<Finding> check(Flow flow) {
        List<Finding> out = new ArrayList<>(LiveChecks.common(flow));
        for (Node n : flow.nodes()) {
            if (n instanceof Topic t) {
                out.add(new Finding(Severity.ERROR, t.id(), null, "topic '" + t.name() + "': Amazon SQS has no topics"
                        + " (Amazon SNS fans messages out to SQS queues, and SNS is not run here)",
                        "wire the sources straight to the queues, or run it in the simulator"));
            }
            if (n instanceof Source s && s.script().stream().anyMatch(m -> m.delay() != null)) {
                out.add(new Finding(Severity.WARNING, s.id(), null, "source '" + s.name() + "': a scripted message's"
                        + " delay is not applied on SQS; the queue's delivery delay is", null));
            }
            if (n instanceof Source s && s.script().stream().anyMatch(m -> m.ttl() != null)) {
                out.add(new Finding(Severity.WARNING, s.id(), null, "source '" + s.name() + "': a scripted message's"
                        + " TTL is not applied on SQS, which keeps messages for the queue's retention period", null));
            }
            if (n instanceof Source s && s.headers().size() > SqsSource.MAX_HEADERS) {
                out.add(new Finding(Severity.WARNING, s.id(), null, "source '" + s.name() + "' has " + s.headers().size()
                        + " headers: SQS carries 10 message attributes, so only the first " + SqsSource.MAX_HEADERS
                        + " are sent", "keep at most " + SqsSource.MAX_HEADERS + " headers"));
            }
        }
        return out;
    }

    /**
     * Starts an embedded ElasticMQ when the target says so, connects, and creates the queues of
     * {@code flow}'s SQS export.
     *
     * @throws LiveFailure in one sentence naming the endpoint when it is down, refuses the credentials or a queue
     */
    public static SqsLiveRun declare(Flow flow, SqsTarget target) throws LiveFailure {
        Objects.requireNonNull(flow, "flow");
        EmbeddedElasticMq embedded = null;
        URI started = null;
        String at = target.toString();
        if (target.embedded()) {
            if (!EmbeddedElasticMq.available()) {
                throw new LiveFailure("this Pipewright has no embedded ElasticMQ (it comes with the one run"
                        + " from the source tree); start one (docker run -p 9324:9324 softwaremill/elasticmq-native)"
                        + " and run on SQS at http://127.0.0.1:9324 (--sqs on the command line)", null);
            }
            try {
                embedded = EmbeddedElasticMq.start();
            } catch (RuntimeException e) {
                throw new LiveFailure("the embedded ElasticMQ could not start ("
                        + dev.pipewright.model.TerminalText.escape(String.valueOf(e.getMessage())) + "); give --sqs the URL"
                        + " of a running ElasticMQ instead", e);
            }
            started = embedded.endpoint();
            at = "embedded ElasticMQ at " + started;
        }
        SqsClient sqs = target.client(started);
        SqsTopology topology;
        try {
            topology = SqsTopology.create(flow, sqs);
        } catch (SdkException | IllegalStateException e) {
            sqs.close();
            if (embedded != null) {
                embedded.close();
            }
            throw new LiveFailure(target.describe(e, "creating the queues", at), e);
        }
        SqsLiveRun run = new SqsLiveRun(flow, target, at, embedded, sqs, topology);
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings && topology.name(n.id()) != null) {
                run.ledger.nameQueue(n.id(), topology.name(n.id()));
            }
        }
        return run;
    }

    @Override
    public List<Finding> warnings() {
        return topology.warnings();
    }

    @Override
    public void setEvents(LiveEvents listener) {
        ledger.setEvents(listener);
    }

    @Override
    public Snapshot run(long seed, Duration limit) throws LiveFailure {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        ScheduledExecutorService timer = RunParts.daemonTimer("pipewright-sqs-timer", 2);
        consumerTimer = timer;
        stopping = false;
        failure = null;
        List<SqsSource> sources = new ArrayList<>();
        Random seeds = new Random(seed);
        try {
            RunParts.startConsumers(flow, seeds, this::startConsumer);
            CrashSchedule.start(flow, timer, consumers.crashSchedule(), e -> failure = e);
            List<Thread> publishers = RunParts.sourceThreads(flow, seeds, "pipewright-sqs-", sources,
                    (s, sourceSeed) -> new SqsSource(s, routes(s), sqs, ledger.tally(s.id()), sourceSeed,
                            new LivePayload(s, seed), deadline, () -> stopping));
            RunParts.playUntilQuiet(publishers, deadline, ledger, topology::depth, () -> throwFailure(sources),
                    () -> stopping = true, POLL_MS, JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LiveFailure e) {
            throw e;
        } catch (Exception e) {
            throw new LiveFailure(target.describe(e, "running the flow", at), e);
        } finally {
            stopping = true;
            timer.shutdownNow();
            consumers.joinAll();
        }
        try {
            return ledger.snapshot((System.nanoTime() - start) / 1e9, topology::depth);
        } catch (Exception e) {
            throw new LiveFailure(target.describe(e, "reading the queue depths", at), e);
        }
    }

    /** What a source's send or a consumer's receive or delete met, in one sentence naming the endpoint; or null. */
    private LiveFailure failureOf(List<SqsSource> sources) {
        RunParts.Failed f = RunParts.firstFailure(failure, "receiving or deleting messages", sources,
                SqsSource::failure, "sending messages");
        return f == null ? null : new LiveFailure(target.describe(f.cause(), f.doing(), at), f.cause());
    }

    /** Throws what {@link #failureOf} finds, if anything. */
    private void throwFailure(List<SqsSource> sources) throws LiveFailure {
        LiveFailure f = failureOf(sources);
        if (f != null) {
            throw f;
        }
    }

    private void startConsumer(Consumer c, long seed) {
        if (ledger.queueOf(c) != null) {
            consumers.start(c, seed);
        }
    }

    private SqsConsumerInstance instance(Consumer c, int i, long seed, ScheduledExecutorService timer) {
        String queueId = ledger.queueOf(c);
        String dlq = ledger.deadLetterQueueOf(queueId);
        return new SqsConsumerInstance(c, i, queueId, topology.url(ledger.queueName(queueId)),
                dlq == null ? null : topology.url(ledger.queueName(dlq)), dlq != null && topology.fifo(ledger.queueName(dlq)),
                sqs, ledger, timer, seed,
                () -> stopping, () -> session.holds(c.id()), e -> failure = e);
    }

    /** The queues a source's wires reach, with each wire's key and headers. */
    private List<SqsSource.Route> routes(Source s) {
        List<SqsSource.Route> out = new ArrayList<>();
        for (Edge e : flow.outgoing(s.id(), Port.OUT)) {
            String name = ledger.queueName(e.to());
            if (name != null) {
                out.add(new SqsSource.Route(topology.url(name), topology.fifo(name), e.key(), e.headers()));
            }
        }
        return out;
    }

    @Override
    public void begin(long seed) {
        stopping = false;
        failure = null;
        session.begin(ledger, consumers);
        sessionTimer = RunParts.daemonTimer("pipewright-sqs-timer", 2);
        consumerTimer = sessionTimer;
        Random seeds = new Random(seed);
        RunParts.startConsumers(flow, seeds, this::startConsumer);
        session.startSources(flow, seeds, "pipewright-sqs-", sessionSources,
                (s, sourceSeed, control) -> new SqsSource(s, routes(s), sqs, ledger.tally(s.id()), sourceSeed,
                        new LivePayload(s, seed), Long.MAX_VALUE, () -> stopping, control));
    }

    @Override
    public void hold(boolean hold) {
        session.hold(hold);
    }

    @Override
    public void inject(Fault fault) {
        session.inject(fault, consumers);
    }

    @Override
    public Snapshot liveSnapshot(double seconds) throws LiveFailure {
        try {
            // SQS counts what the instances hold in the queue (in flight, not visible); in hand is the
            // consumer's, as in the simulator. One held past its visibility timeout is visible again and
            // held still: counted once, so not ready here (the simulator shows a ready copy of it).
            return ledger.liveSnapshot(seconds, name -> Math.max(0, topology.depth(name) - ledger.inHandAt(name)));
        } catch (Exception e) {
            throw new LiveFailure(target.describe(e, "reading the queue depths", at), e);
        }
    }

    @Override
    public Exception failure() {
        return failureOf(sessionSources);
    }

    @Override
    public void end() {
        stopping = true;
        session.endSources(JOIN_MS);
        if (sessionTimer != null) {
            sessionTimer.shutdownNow();
            sessionTimer = null;
        }
        consumers.joinAll();
    }

    @Override
    public void teardown() {
        topology.teardown();
    }

    @Override
    public void close() {
        sqs.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
