// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import dev.pipewright.brokers.live.LiveChecks;
import dev.pipewright.brokers.live.LiveSession;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.brokers.live.CrashSchedule;
import dev.pipewright.brokers.live.LiveEndpoints;
import dev.pipewright.brokers.live.LiveEvents;
import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.brokers.live.LiveLedger;
import dev.pipewright.brokers.live.LiveMessages;
import dev.pipewright.brokers.live.LivePayload;
import dev.pipewright.brokers.live.Modelled;
import dev.pipewright.brokers.live.NodeTally;
import dev.pipewright.brokers.live.ProcessorStage;
import dev.pipewright.brokers.live.RunParts;
import dev.pipewright.brokers.live.SourcePacing;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;

/**
 * A flow run on a real ActiveMQ Artemis over Jakarta JMS: {@link #declare} starts an embedded
 * server from the flow's broker.xml export, or creates the export's addresses, queues, address
 * settings and diverts on a server at a URL; {@link #run} lets its sources send and its consumers
 * receive as modelled and ends in the same {@link Snapshot} the simulator publishes (the account
 * is {@link LiveLedger}'s, shared with the RabbitMQ run); {@link #teardown} removes what was created.
 *
 * <p>Sources send from one thread and session each at the modelled rate ({@link SourcePacing});
 * with confirms a send does not wait for the server, which confirms each one asynchronously, at
 * most {@value ConfirmedSends#MAX_UNCONFIRMED} unconfirmed per source ({@link ConfirmedSends}; a
 * refusal, such as a full address, counts as a nack). Each consumer instance is one thread with one transacted
 * session that takes one message at a time, holds it for a drawn processing time on its own
 * thread, then commits, or fails as modelled: requeue is a rollback (the server redelivers after
 * the address's redelivery delay and dead-letters to the dead-letter address after
 * max-delivery-attempts), reject commits and drops it, dead-letter sends it to the queue's
 * dead-letter queue in the same transaction. The prefetch becomes the consumer window in bytes.
 * A consumer with output wires passes a copy of what it finished along each in the transaction
 * that acknowledges it: to a queue or topic, through a processor run in its client
 * ({@link ArtemisProcessorClients#fromConsumer}); an endpoint is handed it after the commit.
 *
 * <p>A connection lost mid-run is reconnected by the client ({@link ArtemisTarget#RECONNECT_ATTEMPTS});
 * every send the loss left unconfirmed is sent again with the message id as Artemis's duplicate
 * id, so the server keeps one copy; a transaction the loss rolled back gives its message back to the queue,
 * which delivers it again (counted as a redelivery, or, if its commit had reached the server, as
 * a duplicate).
 */
public final class ArtemisLiveRun implements LiveSession {
    /** The message property carrying the message id (JMS property names are Java identifiers). */
    static final String ID_PROPERTY = "pwId";
    /** The message property carrying the publish time (this JVM's nanoTime), for latencies. */
    static final String TIME_PROPERTY = "pwT0";
    /** The property carrying a duplicated message's copy number (2 for the source's second send). */
    static final String COPY_PROPERTY = "pwCopy";
    private static final long POLL_MS = 20;
    /** What a message costs in a consumer window beyond its body: headers and properties, roughly. */
    private static final int MESSAGE_OVERHEAD_BYTES = 512;
    /** The sources' confirmation window: the server confirms every send as it takes it (see {@link #sourceLink}). */
    static final int CONFIRMATION_WINDOW_BYTES = 1;
    /**
     * What a source may send before the server grants more: 1 MiB, not the client's 64 KiB, which
     * kept a fast source waiting for credits (measured: about 1.4 times the rate over TCP).
     */
    static final int PRODUCER_WINDOW_BYTES = 1 << 20;

    private final Flow flow;
    private final ArtemisTarget target;
    private final ArtemisTopology topology;
    private final EmbeddedArtemis embedded;
    private final ArtemisTarget.Link link;
    private final ArtemisManagement management;
    private final LiveLedger ledger;
    private final List<ArtemisTarget.Link> runLinks = new ArrayList<>();
    private volatile boolean stopping;
    private volatile Exception failure;
    /** How often a connection of the run was lost and the client connected it again. */
    private final AtomicInteger recoveries = new AtomicInteger();
    /** The same, per connection of the run. */
    private final Map<jakarta.jms.Connection, AtomicInteger> failovers = new ConcurrentHashMap<>();
    // The session run by hand (LiveSession): touched only by the thread that drives it.
    private final Map<String, List<Instance>> instances = new LinkedHashMap<>();
    private final Map<String, ArtemisTarget.Link> consumerLinks = new HashMap<>();
    private final Map<String, Long> consumerSeeds = new HashMap<>();
    /**
     * What the processors a consumer feeds made of inputs whose transaction has not committed yet
     * (a lost connection rolled it back), by consumer, queue and ledger id: a delivery again sends
     * these again rather than running the processors a second time, so an aggregator or
     * resequencer held in the client takes each input once. As many as the consumers' deliveries
     * in hand, each gone once committed (or failed).
     */
    private final Map<String, List<ProcessorStage.Result>> uncommittedResults = new ConcurrentHashMap<>();
    private final Map<String, SourcePacing.Control> controls = new HashMap<>();
    private final Set<String> pausedConsumers = new HashSet<>();
    private final List<Thread> sessionThreads = new ArrayList<>();
    private boolean held = true;
    /** The processors' threads of the run or session going on, or null. */
    private ArtemisProcessorClients processors;
    /** The endpoints the run or session going on plays in the sources' and processors' clients, or null. */
    private volatile LiveEndpoints endpoints;

    /**
     * One consumer instance of a session: a thread with its own session. It takes messages only
     * while not {@code paused} (its JMS consumer closed meanwhile, so nothing waits in its buffer),
     * and once {@code closed} it closes its session, which rolls back what it holds.
     */
    private static final class Instance {
        volatile boolean paused = true;
        volatile boolean closed;
        boolean crashed;
    }

    /**
     * One consumer instance of a run ({@link #run}): a thread with its own session. Crashed by its
     * schedule, it closes its session, which rolls back what it holds, and ends.
     */
    private static final class RunInstance {
        volatile boolean crashed;
        Thread thread;
    }

    /** The consumer instances of a run, by consumer; guarded by itself (crashes come on the timer). */
    private final Map<String, List<RunInstance>> runInstances = new LinkedHashMap<>();
    private final Map<String, ArtemisTarget.Link> runConsumerLinks = new HashMap<>();
    private final Map<String, Long> runConsumerSeeds = new HashMap<>();
    /** The threads of crashed run instances that were restored, guarded by {@link #runInstances}. */
    private final List<Thread> retired = new ArrayList<>();
    /** The retrying dead-letter queues' clients (retry with delay), their parking queues created at declare. */
    private final List<ArtemisRetrier> retriers = new ArrayList<>();

    private ArtemisLiveRun(Flow flow, ArtemisTarget target, ArtemisTopology topology, EmbeddedArtemis embedded,
                           ArtemisTarget.Link link, ArtemisManagement management) {
        this.flow = flow;
        this.target = target;
        this.topology = topology;
        this.embedded = embedded;
        this.link = link;
        this.management = management;
        this.ledger = new LiveLedger(flow);
    }

    /**
     * What this backend refuses in {@code flow}, in the words {@code check} uses: what no live run
     * does yet ({@link LiveChecks#common}), queue and topic names the
     * export has to change, and headers JMS cannot carry.
     */
    public static List<Finding> check(Flow flow) {
        List<Finding> out = new ArrayList<>(LiveChecks.common(flow, true));
        out.addAll(dev.pipewright.brokers.live.DeadLetterRetries.check(flow));
        Set<String> names = new HashSet<>();
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings || n instanceof Topic) {
                boolean plain = !n.name().contains("::") && !n.name().contains("#") && !n.name().contains("*")
                        && !n.name().matches("(?s).*\\p{Cntrl}.*");
                if (!names.add(n.name()) || !plain) {
                    out.add(new Finding(Severity.ERROR, n.id(), null, n.kind().displayName().toLowerCase(java.util.Locale.ROOT)
                            + " '" + n.name() + "': the Artemis export renames it (names must be unique and hold no"
                            + " '::', '#', '*' or control characters), so a live run cannot find it",
                            "rename the node"));
                }
            }
            if (n instanceof Source s) {
                List<String> headers = new ArrayList<>(s.headers().keySet());
                s.script().forEach(m -> headers.addAll(m.headers().keySet()));
                flow.outgoing(s.id(), Port.OUT).forEach(e -> headers.addAll(e.headers().keySet()));
                for (String h : headers) {
                    if (!isJmsName(h)) {
                        out.add(new Finding(Severity.WARNING, s.id(), null, "source '" + s.name() + "': header '" + h
                                + "' is not sent on Artemis: JMS property names are Java identifiers",
                                "rename the header, e.g. to " + h.replaceAll("[^A-Za-z0-9_$]", "_")));
                    }
                }
            }
        }
        return out;
    }

    private static boolean isJmsName(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(Character::isJavaIdentifierPart) && !name.startsWith("JMS");
    }

    /**
     * Starts the embedded server, or connects to the server at the target's URL and creates the
     * export there.
     *
     * @throws LiveFailure in one sentence naming the address when the broker is down, refuses the login or a creation
     */
    public static ArtemisLiveRun declare(Flow flow, ArtemisTarget target) throws LiveFailure {
        Objects.requireNonNull(flow, "flow");
        Path dir;
        ArtemisTopology topology;
        try {
            dir = Files.createTempDirectory("pipewright-artemis-");
        } catch (IOException e) {
            throw new LiveFailure("Artemis: cannot make a temporary directory (" + e.getMessage()
                    + "); check the space and permissions of " + System.getProperty("java.io.tmpdir"), e);
        }
        EmbeddedArtemis embedded = null;
        ArtemisTarget.Link link = null;
        try {
            topology = ArtemisTopology.of(flow, dir);
            if (target.embedded()) {
                embedded = EmbeddedArtemis.start(topology.configuration(), dir);
            } else {
                EmbeddedArtemis.deleteTree(dir);
            }
            link = target.connect(embedded == null ? null : embedded.url(), -1, true);
            ArtemisManagement management = new ArtemisManagement(link.connection());
            ArtemisLiveRun run = new ArtemisLiveRun(flow, target, topology, embedded, link, management);
            run.countRecoveries(link);
            if (embedded == null) {
                try {
                    topology.create(management);
                } catch (Exception e) {
                    run.teardown();
                    throw e;
                }
            }
            for (Node n : flow.nodes()) {
                if (n instanceof QueueSettings && topology.queue(n.name()) != null) {
                    run.ledger.nameQueue(n.id(), n.name());
                }
            }
            for (var plan : dev.pipewright.brokers.live.DeadLetterRetries.of(flow)) {
                ArtemisRetrier r = new ArtemisRetrier(plan, run.ledger);
                if (r.runs(topology)) {
                    run.retriers.add(r);
                    r.register();
                }
            }
            return run;
        } catch (LiveFailure e) {
            closeAll(link, embedded, dir);
            throw e;
        } catch (Exception e) {
            closeAll(link, embedded, dir);
            throw new LiveFailure(target.describe(e, embedded == null && !target.embedded() ? "creating the addresses"
                    : "starting the embedded server"), e);
        }
    }

    private static void closeAll(ArtemisTarget.Link link, EmbeddedArtemis embedded, Path dir) {
        if (link != null) {
            link.close();
        }
        if (embedded != null) {
            embedded.close();
        } else {
            EmbeddedArtemis.deleteTree(dir);
        }
    }

    /** The export's warnings, without its notes (INFO): what the broker was not given. */
    @Override
    public List<Finding> warnings() {
        return topology.warnings().stream().filter(f -> f.severity() != Severity.INFO).toList();
    }

    @Override
    public void setEvents(LiveEvents listener) {
        ledger.setEvents(listener);
    }

    @Override
    public Snapshot run(long seed, Duration limit) throws LiveFailure {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        List<Thread> publishers = new ArrayList<>();
        List<Thread> consumers = new ArrayList<>();
        List<Thread> replyTakers = new ArrayList<>();
        Random seeds = new Random(seed);
        ScheduledExecutorService timer = RunParts.daemonTimer("pipewright-live-crashes", 1);
        try {
            for (Node n : flow.nodes()) {
                if (n instanceof Consumer c) {
                    consumers.addAll(startConsumer(c, seeds.nextLong()));
                }
            }
            // Before the processors, which pass messages on to endpoints and message stores.
            endpoints = new LiveEndpoints(flow, ledger, seed * 37 + 29);
            ledger.showEndpoints(endpoints);
            processors = processorClients(seed, false);
            consumers.addAll(processors.threads());
            Map<Boolean, ArtemisTarget.Link> sourceLinks = new HashMap<>();
            for (Node n : flow.nodes()) {
                if (n instanceof Source s) {
                    ArtemisTarget.Link l = sourceLink(s, sourceLinks);
                    Session session = l.connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
                    List<Route> routes = routes(s, session);
                    long sourceSeed = seeds.nextLong();
                    IntSupplier failovers = failoversOf(l);
                    LivePayload payloads = new LivePayload(s, seed);
                    Thread t = new Thread(() -> publish(s, session, routes, sourceSeed, payloads, deadline, null, failovers),
                            "pipewright-live-" + s.id());
                    t.setDaemon(true);
                    publishers.add(t);
                    Thread replies = replyTaker(s, l);
                    if (replies != null) {
                        replyTakers.add(replies);
                        replies.start();
                    }
                }
            }
            replyTakers.addAll(startRetriers());
            consumers.forEach(Thread::start);
            CrashSchedule.start(flow, timer, scheduledCrashes(), e -> failure = failure == null ? e : failure);
            // The endpoints' down windows are measured from the moment the sources start.
            endpoints.start();
            RunParts.playUntilQuiet(publishers, deadline, ledger, this::depth, () -> {
                // Thrown as the end of the run throws it: the first failure, described.
                if (failure != null) {
                    throw new LiveFailure(target.describe(failure, "running the flow"), failure);
                }
            }, () -> {
                stopping = true;
                timer.shutdownNow();
            }, POLL_MS, 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LiveFailure e) {
            throw e;
        } catch (Exception e) {
            failure = failure == null ? e : failure;
        } finally {
            stopping = true;
            timer.shutdownNow();
            joinAll(publishers);
            if (endpoints != null) {
                endpoints.close();
            }
            joinAll(replyTakers);
            replyTakers.clear();
            List<Thread> all = new ArrayList<>();
            synchronized (runInstances) {
                all.addAll(retired);
                runInstances.values().forEach(list -> list.forEach(in -> all.add(in.thread)));
                if (processors != null) {
                    all.addAll(processors.threads());
                }
                runInstances.clear();
                retired.clear();
            }
            joinAll(all);
            // Closing a consumer's session rolls back what it holds: the message goes back to its queue.
            runLinks.forEach(ArtemisTarget.Link::close);
            runLinks.clear();
        }
        if (failure != null) {
            throw new LiveFailure(target.describe(failure, "running the flow"), failure);
        }
        try {
            return ledger.snapshot((System.nanoTime() - start) / 1e9, this::depth);
        } catch (Exception e) {
            throw new LiveFailure(target.describe(e, "reading the queue depths"), e);
        }
    }

    /**
     * The processors' clients ({@link ArtemisProcessorClients}), not started, with a seed apart from
     * the consumers' and sources', which it leaves as they were; they pass to the run's {@link #endpoints},
     * made before them.
     */
    private ArtemisProcessorClients processorClients(long seed, boolean paused) throws LiveFailure, JMSException {
        return new ArtemisProcessorClients(flow, topology, ledger, seed * 31 + 17, this::connect, () -> stopping,
                e -> failure = failure == null ? e : failure, paused, endpoints);
    }

    private ArtemisTarget.Link connect(int consumerWindow, boolean blockOnDurableSend) throws LiveFailure {
        ArtemisTarget.Link l = target.connect(embedded == null ? null : embedded.url(), consumerWindow, blockOnDurableSend);
        runLinks.add(l);
        countRecoveries(l);
        return l;
    }

    /**
     * The sources' connection. With confirms a send does not block: the connection has a
     * confirmation window of {@value #CONFIRMATION_WINDOW_BYTES} byte, so the server confirms each
     * send as it takes it (a larger window confirms in batches of that many bytes, which would keep
     * a slow source's last sends unconfirmed for long), and {@link ConfirmedSends} counts them.
     * Without confirms a send neither blocks nor is confirmed. Either way the producer window is
     * {@value #PRODUCER_WINDOW_BYTES} bytes.
     */
    private ArtemisTarget.Link sourceLink(boolean confirms) throws LiveFailure {
        ArtemisTarget.Link l = target.connect(embedded == null ? null : embedded.url(), -1, false,
                confirms ? CONFIRMATION_WINDOW_BYTES : -1, PRODUCER_WINDOW_BYTES);
        runLinks.add(l);
        countRecoveries(l);
        return l;
    }

    /** The sources' connection for {@code s}: one with confirms, one without, each made for the first source needing it. */
    private ArtemisTarget.Link sourceLink(Source s, Map<Boolean, ArtemisTarget.Link> made) throws LiveFailure {
        ArtemisTarget.Link l = made.get(s.confirms());
        if (l == null) {
            l = sourceLink(s.confirms());
            made.put(s.confirms(), l);
        }
        return l;
    }

    /** How often the connection of {@code l} was lost and connected again. */
    private IntSupplier failoversOf(ArtemisTarget.Link l) {
        AtomicInteger n = failovers.get(l.connection());
        return n::get;
    }

    private void countRecoveries(ArtemisTarget.Link l) throws LiveFailure {
        AtomicInteger mine = new AtomicInteger();
        failovers.put(l.connection(), mine);
        try {
            ((org.apache.activemq.artemis.jms.client.ActiveMQConnection) l.connection()).setFailoverListener(event -> {
                if (event == org.apache.activemq.artemis.api.core.client.FailoverEventType.FAILOVER_COMPLETED) {
                    mine.incrementAndGet();
                    recoveries.incrementAndGet();
                }
            });
        } catch (JMSException e) {
            throw new LiveFailure(target.describe(e, "connecting"), e);
        }
    }

    /**
     * The messages in queue {@code name} (the management API's count); while a connection is lost
     * this tries again for up to {@link ArtemisTarget#RECOVERY_BOUND}.
     */
    private long depth(String name) throws Exception {
        long giveUp = System.nanoTime() + ArtemisTarget.RECOVERY_BOUND.toNanos();
        while (true) {
            try {
                return management.messageCount(name);
            } catch (Exception e) {
                if (!lostConnection(e) || System.nanoTime() > giveUp) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
            }
        }
    }

    /** Closes {@code session}, which rolls back what it holds; a connection gone already changes nothing. */
    static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (JMSException | RuntimeException e) {
            // The connection went away already.
        }
    }

    /**
     * After {@code e} cut a transacted session's send or commit: rethrows {@code e} unless it is a
     * {@link #lostConnection lost connection}, else ends the session's side of the transaction as
     * the server's ended, rolled back. A rollback failing while the client reconnects changes
     * nothing: the next send or receive waits for the connection.
     */
    static void rollBackAfterLostConnection(Session session, Exception e) throws JMSException {
        if (!lostConnection(e)) {
            if (e instanceof JMSException jms) {
                throw jms;
            }
            throw (RuntimeException) e;
        }
        try {
            session.rollback();
        } catch (JMSException | RuntimeException again) {
            // Still reconnecting.
        }
    }

    /** Whether {@code e} comes of a lost connection (the client reconnects), not of a refusal. */
    static boolean lostConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.jms.TransactionRolledBackException
                    || t instanceof jakarta.jms.TransactionInProgressException) {
                return true;
            }
            if (t instanceof ActiveMQException a && a.getType() == ActiveMQExceptionType.ILLEGAL_STATE
                    && String.valueOf(a.getMessage()).contains("ROLLEDBACK")) {
                return true; // a commit after a reconnect: the server rolled the transaction back as the connection went
            }
            if (t instanceof ActiveMQException a) {
                switch (a.getType()) {
                    case UNBLOCKED, DISCONNECTED, NOT_CONNECTED, TRANSACTION_ROLLED_BACK, TRANSACTION_OUTCOME_UNKNOWN,
                         CONNECTION_TIMEDOUT, OBJECT_CLOSED -> {
                        return true;
                    }
                    default -> {
                        // Another cause may be further down.
                    }
                }
            }
            if (t instanceof ArtemisManagement.ManagementRefusal r && r.getMessage().contains("did not answer")) {
                return true; // the request or its answer went with the connection
            }
        }
        return false;
    }

    @Override
    public java.util.Optional<String> recovered() {
        return ledger.recovered("Artemis at " + (embedded != null ? "the embedded server" : target), recoveries.get());
    }

    /** The embedded server of the run, or null (for tests that act on it from the server's side). */
    EmbeddedArtemis embedded() {
        return embedded;
    }

    private static void joinAll(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Where one edge of a source sends: a queue, or a topic's address with a routing key; or a
     * processor wired straight from the source ({@code processorId}, else null; no producer), which
     * runs in the source's client; or an endpoint wired straight from it ({@code endpointId}, else
     * null; no producer), which the source's client hands the message to; and its extras.
     */
    private record Route(MessageProducer producer, String key, Map<String, String> headers, Destination replyTo,
                         String processorId, String endpointId) {
        Route(MessageProducer producer, String key, Map<String, String> headers, Destination replyTo, String processorId) {
            this(producer, key, headers, replyTo, processorId, null);
        }
    }

    private List<Route> routes(Source s, Session session) throws JMSException {
        List<Route> out = new ArrayList<>();
        for (Edge e : flow.edges()) {
            if (!e.from().equals(s.id())) {
                continue;
            }
            Node to = flow.node(e.to()).orElse(null);
            Destination d;
            if (ledger.queueName(e.to()) != null) {
                d = session.createQueue(ledger.queueName(e.to()));
            } else if (to instanceof Topic t) {
                d = session.createTopic(t.name());
            } else if (to instanceof dev.pipewright.model.Processor) {
                String replyQueue = s.replyQueue() == null ? null : ledger.queueName(s.replyQueue());
                out.add(new Route(null, e.key(), e.headers(), replyQueue == null ? null : session.createQueue(replyQueue),
                        to.id()));
                continue;
            } else if (LiveEndpoints.plays(to)) {
                out.add(new Route(null, null, Map.of(), null, null, to.id()));
                continue;
            } else {
                continue;
            }
            MessageProducer p = session.createProducer(d);
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            // Nothing reads the JMS message id or timestamp (the message id is pwId, the time pwT0): a UUID less per send.
            p.setDisableMessageID(true);
            p.setDisableMessageTimestamp(true);
            if (to instanceof QueueSettings q && q.deliveryDelay() != null && !q.deliveryDelay().isZero()) {
                // Artemis has no queue setting for it: the producer schedules each message.
                p.setDeliveryDelay(q.deliveryDelay().toMillis());
            }
            // Request/reply: each message names its source's reply queue (JMSReplyTo).
            String replyQueue = s.replyQueue() == null ? null : ledger.queueName(s.replyQueue());
            out.add(new Route(p, to instanceof Topic ? e.key() : null, e.headers(),
                    replyQueue == null ? null : session.createQueue(replyQueue), null));
        }
        return out;
    }

    /**
     * Sends the source's messages at its rate, or as {@code control} (null: none) paces it; with
     * confirms through {@link ConfirmedSends}, whose connection was lost and connected again
     * {@code failovers} times.
     */
    private void publish(Source s, Session session, List<Route> routes, long seed, LivePayload payloads, long deadline,
                         SourcePacing.Control control, IntSupplier failovers) {
        NodeTally tally = ledger.tally(s.id());
        Random rng = new Random(seed);
        LiveMessages messages = new LiveMessages(s);
        Map<String, MessageProducer> outputs = new java.util.HashMap<>(); // a processor's, wired straight from the source
        ConfirmedSends confirmed = !s.confirms() ? null : new ConfirmedSends(p -> {
            // A route number past the routes is the duplicate's send along route number - routes.
            Route r = routes.get(p.route % routes.size());
            r.producer().send(message(s, messages, session, r, p.route, routes.size(), p.seq, p.t0, p.text),
                    DeliveryMode.PERSISTENT,
                    p.priority, timeToLive(messages, p.seq), p);
        }, tally, failovers, () -> stopping);
        try {
            if (routes.isEmpty()) {
                return;
            }
            SourcePacing.Control pace = control != null ? control : new SourcePacing.Control(s.rate());
            if (control == null && !(s.rate() > 0)) {
                return;
            }
            SourcePacing.run(s, pace, rng, deadline, () -> stopping, seq -> {
                // One payload per message, as the simulator makes it: every route, and every copy, gets the same.
                String text = payloads.text(seq);
                Integer priority = messages.priority(seq, rng);
                int jmsPriority = priority == null ? Message.DEFAULT_PRIORITY : Math.clamp(priority, 0, 9);
                if (routes.getFirst().replyTo() != null) {
                    ledger.requested(s.id(), s.id() + "-" + seq);
                }
                // A duplicated message is sent twice for real: the copy's routes are numbered after the routes.
                int sends = messages.duplicated(seq, rng) ? 2 * routes.size() : routes.size();
                for (int i = 0; i < sends; i++) {
                    Route r = routes.get(i % routes.size());
                    long t0 = System.nanoTime();
                    if (r.endpointId() != null) {
                        endpoints.fromSource(s, tally, r.endpointId(), t0);
                    } else if (r.processorId() != null) {
                        processors.fromSource(session, s, r.processorId(), item(s, messages, r, i, routes.size(), seq, t0,
                                text), jmsPriority, outputs);
                    } else if (confirmed != null) {
                        confirmed.send(seq, i, jmsPriority, t0, text);
                    } else {
                        // Without confirms what a lost connection took is not known: this one goes again, the rest is lost.
                        sendAgainWhileReconnecting(r.producer(), message(s, messages, session, r, i, routes.size(), seq, t0,
                                text),
                                jmsPriority, timeToLive(messages, seq));
                        tally.published.incrementAndGet();
                    }
                }
            });
            if (confirmed != null) {
                confirmed.drain();
            }
        } catch (Exception e) {
            if (!stopping) {
                failure = failure == null ? e : failure;
            }
        } finally {
            try {
                session.close();
            } catch (JMSException | RuntimeException e) {
                // The connection went away; the counts say how far the source got.
            }
        }
    }

    /**
     * Sends {@code m} without confirms; a send a lost connection interrupted goes again (the
     * duplicate id keeps the server from keeping two) for up to {@link ArtemisTarget#RECOVERY_BOUND}.
     */
    private void sendAgainWhileReconnecting(MessageProducer p, Message m, int priority, long timeToLive)
            throws JMSException {
        long giveUp = System.nanoTime() + ArtemisTarget.RECOVERY_BOUND.toNanos();
        while (true) {
            try {
                p.send(m, DeliveryMode.PERSISTENT, priority, timeToLive);
                return;
            } catch (JMSException | RuntimeException e) {
                if (stopping || !lostConnection(e) || System.nanoTime() > giveUp) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
            }
        }
    }

    /**
     * Message {@code seq} of source {@code s} for route {@code r} (the {@code route}th of the
     * source), published at {@code t0} with payload {@code text} (null: {@code payloadSize}
     * bytes): headers, the message id, the duplicate id and the routing key. Made anew for a send
     * again after a loss, with the same ids, time and payload.
     */
    private static Message message(Source s, LiveMessages messages, Session session, Route r, int route, int routes,
                                   long seq, long t0, String text) throws JMSException {
        Message m;
        if (text != null) {
            m = session.createTextMessage(text);
        } else {
            BytesMessage b = session.createBytesMessage();
            b.writeBytes(new byte[s.payloadSize()]);
            m = b;
        }
        for (Map.Entry<String, String> h : messages.headers(seq).entrySet()) {
            setHeader(m, h.getKey(), h.getValue());
        }
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            setHeader(m, h.getKey(), h.getValue());
        }
        m.setStringProperty(ID_PROPERTY, s.id() + "-" + seq);
        if (r.replyTo() != null) {
            m.setJMSReplyTo(r.replyTo());
        }
        if (route >= routes) {
            m.setIntProperty(COPY_PROPERTY, 2); // the duplicate (its own duplicate id, below, so the server keeps it)
        }
        // Sent again after a lost connection, the server keeps one copy (one per route: a topic copies it).
        m.setStringProperty(org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID.toString(),
                s.id() + "-" + seq + "-" + route);
        m.setLongProperty(TIME_PROPERTY, t0);
        String key = messages.routingKey(r.key(), seq);
        if (!key.isEmpty()) {
            m.setStringProperty(dev.pipewright.model.config.artemis.ArtemisBrokerXml.ROUTING_KEY_PROPERTY, key);
        }
        java.time.Duration delay = messages.delay(seq);
        if (delay != null && delay.isPositive()) {
            // Artemis's scheduled delivery: the server holds the message until then (made anew on a send again).
            m.setLongProperty(org.apache.activemq.artemis.api.core.Message.HDR_SCHEDULED_DELIVERY_TIME.toString(),
                    System.currentTimeMillis() + delay.toMillis());
        }
        return m;
    }

    /**
     * Message {@code seq} of source {@code s} as the processor stage takes it along route {@code r}
     * (the {@code route}th of the source): its id, payload, the headers {@link #message} gives it,
     * and its routing key.
     */
    private static ProcessorStage.Item item(Source s, LiveMessages messages, Route r, int route, int routes, long seq,
                                            long t0, String text) {
        Map<String, Object> headers = new java.util.LinkedHashMap<>();
        messages.headers(seq).forEach((k, v) -> {
            if (isJmsName(k)) {
                headers.put(k, v);
            }
        });
        r.headers().forEach((k, v) -> {
            if (isJmsName(k)) {
                headers.put(k, v);
            }
        });
        headers.put(ID_PROPERTY, s.id() + "-" + seq);
        headers.put(TIME_PROPERTY, t0);
        if (route >= routes) {
            headers.put(COPY_PROPERTY, 2);
        }
        String key = messages.routingKey(r.key(), seq);
        return new ProcessorStage.Item(s.id() + "-" + seq, text, text != null ? text.length() : s.payloadSize(), headers,
                key.isEmpty() ? null : key);
    }

    /** A scripted message's own time to live in milliseconds for JMS's send, else none. */
    private static long timeToLive(LiveMessages messages, long seq) {
        java.time.Duration ttl = messages.ttl(seq);
        return ttl == null || !ttl.isPositive() ? Message.DEFAULT_TIME_TO_LIVE : Math.max(1, ttl.toMillis());
    }

    /** Whether {@code e} is the server's refusal of a send to a full address (policy FAIL). */
    static boolean addressFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ActiveMQException a && a.getType() == ActiveMQExceptionType.ADDRESS_FULL) {
                return true;
            }
        }
        return e.getMessage() != null && e.getMessage().contains("AMQ229102");
    }

    private static void setHeader(Message m, String name, String value) throws JMSException {
        if (isJmsName(name)) {
            m.setStringProperty(name, value);
        }
    }

    private List<Thread> startConsumer(Consumer c, long seed) throws Exception {
        String queueId = ledger.queueOf(c);
        if (queueId == null) {
            return List.of();
        }
        ArtemisTarget.Link l = connect(window(c, queueId), true);
        List<RunInstance> list = new ArrayList<>();
        synchronized (runInstances) {
            runConsumerLinks.put(c.id(), l);
            runConsumerSeeds.put(c.id(), seed);
            runInstances.put(c.id(), list);
            for (int i = 0; i < c.instances(); i++) {
                list.add(runInstance(c, i));
            }
        }
        return list.stream().map(in -> in.thread).toList();
    }

    /** Instance {@code i} of consumer {@code c} in a run: its session on the consumer's link, and its thread, not started. */
    private RunInstance runInstance(Consumer c, int i) throws JMSException {
        String queueId = ledger.queueOf(c);
        ArtemisTopology.QueueRef queue = topology.queue(ledger.queueName(queueId));
        String deadLetterId = ledger.deadLetterQueueOf(queueId);
        String deadLetterQueue = deadLetterId == null ? null : ledger.queueName(deadLetterId);
        ArtemisTarget.Link l = runConsumerLinks.get(c.id());
        boolean autoAck = c.ackMode() == Consumer.AckMode.AUTO;
        Session session = autoAck ? l.connection().createSession(false, Session.AUTO_ACKNOWLEDGE)
                : l.connection().createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer mc = session.createConsumer(session.createQueue(queue.consumeFrom()));
        MessageProducer deadLetters = deadLetterQueue == null ? null
                : session.createProducer(session.createQueue(deadLetterQueue));
        Random rng = new Random(runConsumerSeeds.get(c.id()) + i);
        RunInstance in = new RunInstance();
        in.thread = new Thread(() -> consume(c, queueId, session, mc, deadLetters, rng, autoAck, in),
                "pipewright-live-" + c.id() + "-" + i);
        in.thread.setDaemon(true);
        return in;
    }

    /** A run's scheduled crashes: the instance closes its session (a crash to the server); a restore starts a new one. */
    private CrashSchedule.Instances scheduledCrashes() {
        return new CrashSchedule.Instances() {
            @Override
            public void crash(String consumerId, int i) {
                synchronized (runInstances) {
                    List<RunInstance> list = runInstances.get(consumerId);
                    if (list != null && !stopping) {
                        list.get(i).crashed = true;
                    }
                }
            }

            @Override
            public void restore(String consumerId, int i) throws JMSException {
                synchronized (runInstances) {
                    List<RunInstance> list = runInstances.get(consumerId);
                    if (list != null && list.get(i).crashed && !stopping) {
                        RunInstance in = runInstance((Consumer) flow.node(consumerId).orElseThrow(), i);
                        retired.add(list.get(i).thread); // joined at the end with the rest
                        list.set(i, in);
                        in.thread.start();
                    }
                }
            }
        };
    }

    /**
     * The consumer window: with prefetch 1 none (a message is sent when the consumer asks), with
     * prefetch n room for n - 1 messages of the sources' size beyond the one in hand, with
     * prefetch 0 (no limit) the client's default.
     */
    private int window(Consumer c, String queueId) {
        if (c.prefetch() == 0) {
            return -1;
        }
        int size = flow.nodes().stream().filter(n -> n instanceof Source).map(n -> (Source) n)
                .mapToInt(s -> s.payloadTemplate() == null || s.payloadTemplate().isBlank() ? s.payloadSize()
                        : s.payloadTemplate().length()).max().orElse(0);
        long bytes = (long) (c.prefetch() - 1) * (size + MESSAGE_OVERHEAD_BYTES);
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private void consume(Consumer c, String queueId, Session session, MessageConsumer mc, MessageProducer deadLetters,
                         Random rng, boolean autoAck, RunInstance in) {
        NodeTally me = ledger.tally(c.id());
        BooleanSupplier gone = () -> stopping || in.crashed;
        try {
            while (!gone.getAsBoolean()) {
                Message m;
                try {
                    m = mc.receive(POLL_MS);
                } catch (JMSException | RuntimeException e) {
                    if (!lostConnection(e)) {
                        throw e;
                    }
                    continue; // the client reconnects; the consumer takes messages again once it has
                }
                if (m == null) {
                    continue;
                }
                me.busy.incrementAndGet();
                try {
                    handle(c, queueId, session, m, deadLetters, rng, autoAck, me, gone);
                } finally {
                    me.busy.decrementAndGet();
                }
            }
            if (in.crashed && !stopping) {
                session.close(); // rolls back what it holds: the server delivers it again, as after a crash
            }
        } catch (Exception e) {
            if (!gone.getAsBoolean()) {
                failure = failure == null ? e : failure;
            }
        }
    }

    /** Message {@code m}'s text, or null for a bytes message. */
    private static String text(Message m) {
        try {
            return m instanceof TextMessage t ? t.getText() : null;
        } catch (JMSException | RuntimeException e) {
            return null;
        }
    }

    /** Message {@code m}'s property {@code name}, or null (none, or not a JMS name). */
    private static Object property(Message m, String name) {
        try {
            return m.getObjectProperty(name);
        } catch (JMSException | RuntimeException e) {
            return null;
        }
    }

    private void handle(Consumer c, String queueId, Session session, Message m, MessageProducer deadLetters, Random rng,
                        boolean autoAck, NodeTally me, BooleanSupplier gone) throws JMSException {
        long now = System.nanoTime();
        String id = LiveMessages.ledgerId(m.getStringProperty(ID_PROPERTY) != null ? m.getStringProperty(ID_PROPERTY)
                : m.getJMSMessageID(), property(m, COPY_PROPERTY), property(m, ArtemisRetrier.RETRY_PROPERTY),
                property(m, LiveMessages.LEG_HEADER));
        Long t0 = m.propertyExists(TIME_PROPERTY) ? m.getLongProperty(TIME_PROPERTY) : null;
        int attempt = ledger.delivered(queueId, c.id(), id, t0, now);
        double hold = Modelled.seconds(c.processingTime(), rng);
        boolean fail = Modelled.fails(c, attempt, rng, name -> property(m, name), () -> text(m));
        // The instance is busy for the processing time: it waits on its own thread, as work would.
        long until = now + Math.round(hold * 1e9);
        long wait;
        while ((wait = until - System.nanoTime()) > 0 && !gone.getAsBoolean()) {
            LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(POLL_MS)));
        }
        long done = System.nanoTime();
        ledger.processed(c.id(), now, done);
        if (gone.getAsBoolean()) {
            if (!stopping) {
                ledger.abandoned(c.id(), queueId, id, attempt); // a crashed instance: its session rolls back
            }
            return; // closing the session rolls it back: the message goes back to its queue (LiveLedger counts it so)
        }
        if (fail) {
            uncommittedResults.remove(c.id() + '\u0000' + queueId + '\u0000' + id); // it goes no further this time
            me.failed.incrementAndGet();
            if (autoAck) {
                me.rejected.incrementAndGet();
                ledger.settled(queueId, id);
                return;
            }
            switch (c.onFailure()) {
                case REQUEUE -> {
                    ledger.requeued(queueId, id);
                    try {
                        session.rollback();
                    } catch (JMSException | RuntimeException e) {
                        if (!lostConnection(e)) {
                            throw e;
                        } // the loss rolled it back, as asked
                    }
                }
                case REJECT -> {
                    if (committed(session, c, queueId, id, attempt, me, () -> ledger.settlementUncertain(c.id(), queueId,
                            id, attempt, LiveLedger.Settlement.REJECTED, t0, done))) {
                        me.rejected.incrementAndGet();
                        ledger.settled(queueId, id);
                    }
                }
                case DEAD_LETTER -> {
                    if (deadLetters != null) {
                        deadLetters.send(m);
                    }
                    if (committed(session, c, queueId, id, attempt, me, () -> ledger.settlementUncertain(c.id(), queueId,
                            id, attempt, LiveLedger.Settlement.DEAD_LETTERED, t0, done))) {
                        me.deadLetteredByConsumer.incrementAndGet();
                        ledger.settled(queueId, id);
                    }
                }
            }
            return;
        }
        boolean replied = c.replies() && m.getJMSReplyTo() != null;
        if (replied) {
            reply(session, m, id); // in the transaction of the acknowledgement: both, or neither
        }
        List<Edge> wires = ledger.onward(c);
        // Once, as the simulator's consumer passes a message on: a delivery of one acknowledged already goes no further.
        boolean passing = !wires.isEmpty() && !ledger.finished(queueId, id);
        // In the transaction of the acknowledgement too: a copy along each wire, a processor's outputs.
        String resultsKey = c.id() + '\u0000' + queueId + '\u0000' + id;
        List<ProcessorStage.Result> through = passing ? passOn(session, c, wires, m,
                autoAck ? null : uncommittedResults.get(resultsKey)) : List.of();
        if (passing && !autoAck) {
            uncommittedResults.put(resultsKey, through);
        }
        for (int i = 0; i < through.size(); i++) {
            if (through.get(i) != null) {
                // Just before the commit, once per input, as a processor's own client hands them over.
                endpoints.fromProcessor(wires.get(i).to(), List.of(id), through.get(i).local(), t0);
            }
        }
        if (!autoAck && !committed(session, c, queueId, id, attempt, null, replied || passing ? null
                : () -> ledger.commitUncertain(c.id(), queueId, id, attempt, t0, done))) {
            return;
        }
        uncommittedResults.remove(resultsKey);
        if (replied) {
            ledger.replySent(c.id());
        }
        if (ledger.acknowledged(c.id(), queueId, id, t0, done) && passing) {
            ledger.passedOn(c.id(), wires.size());
            for (int i = 0; i < wires.size(); i++) {
                Node to = flow.node(wires.get(i).to()).orElseThrow();
                if (LiveEndpoints.plays(to)) {
                    // An endpoint or a store is played in this client, after the commit: it is not in the transaction.
                    endpoints.send(to.id(), t0 == null ? done : t0);
                } else if (through.get(i) != null) {
                    through.get(i).outputs().forEach(o -> ledger.forwarded(to.id(), o.edge().to()));
                } else {
                    ledger.forwarded(c.id(), to.id());
                }
            }
        }
    }

    /**
     * Passes message {@code m} consumer {@code c} finished on along each of {@code wires} in
     * {@code session}: a copy to a queue or topic, or through a processor run here (its result in
     * the list at the wire's place; null for the others); nothing yet for an endpoint, played once
     * the session committed. A copy past the first carries its {@link LiveMessages#leg}. For a
     * delivery again of a message whose transaction did not commit, {@code earlier} (else null) is
     * what the processors made of it then.
     */
    private List<ProcessorStage.Result> passOn(Session session, Consumer c, List<Edge> wires, Message m,
                                               List<ProcessorStage.Result> earlier) throws JMSException {
        List<ProcessorStage.Result> out = new ArrayList<>();
        for (int i = 0; i < wires.size(); i++) {
            Edge w = wires.get(i);
            Node to = flow.node(w.to()).orElseThrow();
            String leg = LiveMessages.leg(property(m, LiveMessages.LEG_HEADER), c.id(), i);
            ProcessorStage.Result r = null;
            if (to instanceof Processor) {
                String messageId = m.getStringProperty(ID_PROPERTY) != null ? m.getStringProperty(ID_PROPERTY)
                        : m.getJMSMessageID();
                ArtemisProcessorClients.Body body = ArtemisProcessorClients.Body.of(m);
                ProcessorStage.Item item = ArtemisProcessorClients.item(messageId, body, m);
                if (leg != null) {
                    Map<String, Object> headers = new HashMap<>(item.headers());
                    headers.put(LiveMessages.LEG_HEADER, leg);
                    item = new ProcessorStage.Item(item.id(), item.body(), item.size(), headers, item.routingKey());
                }
                r = processors.fromConsumer(session, to.id(), item, body, m.getJMSPriority(),
                        earlier == null ? null : earlier.get(i));
            } else if (!LiveEndpoints.plays(to)) {
                passOn(session, w, m, leg);
            }
            out.add(r);
        }
        return out;
    }

    /**
     * Sends a copy of message {@code m} (its body, properties and priority) on along {@code onward}
     * in {@code session}: to a queue, or to a topic with the wire's key when it has one; {@code leg}
     * (null: none) says which copy it is.
     */
    private void passOn(Session session, Edge onward, Message m, String leg) throws JMSException {
        Node to = flow.node(onward.to()).orElseThrow();
        Message out;
        if (m instanceof TextMessage t) {
            out = session.createTextMessage(t.getText());
        } else {
            BytesMessage b = session.createBytesMessage();
            if (m instanceof BytesMessage in) {
                byte[] body = new byte[(int) in.getBodyLength()];
                in.reset();
                in.readBytes(body);
                b.writeBytes(body);
            }
            out = b;
        }
        java.util.Enumeration<?> names = m.getPropertyNames();
        while (names.hasMoreElements()) {
            String n = (String) names.nextElement();
            if (!n.startsWith("JMSX") && !n.startsWith("_")) { // the provider's own, set again on the copy
                out.setObjectProperty(n, m.getObjectProperty(n));
            }
        }
        if (leg != null) {
            out.setStringProperty(LiveMessages.LEG_HEADER, leg);
        }
        if (to instanceof Topic && onward.key() != null && !onward.key().isEmpty()) {
            out.setStringProperty(dev.pipewright.model.config.artemis.ArtemisBrokerXml.ROUTING_KEY_PROPERTY, onward.key());
        }
        MessageProducer producer = session.createProducer(to instanceof Topic t ? session.createTopic(t.name())
                : session.createQueue(ledger.queueName(to.id())));
        try {
            producer.send(out, DeliveryMode.PERSISTENT, m.getJMSPriority(), Message.DEFAULT_TIME_TO_LIVE);
        } finally {
            producer.close();
        }
    }

    /** Starts the retriers' threads, each on a session of its own on a connection of the run. */
    private List<Thread> startRetriers() throws Exception {
        List<Thread> out = new ArrayList<>();
        if (retriers.isEmpty()) {
            return out;
        }
        ArtemisTarget.Link l = connect(-1, true);
        for (ArtemisRetrier r : retriers) {
            Thread t = r.thread(l.connection().createSession(true, Session.SESSION_TRANSACTED),
                    topology.queue(ledger.queueName(r.dlqId())).consumeFrom(), () -> stopping,
                    e -> failure = failure == null ? e : failure);
            t.start();
            out.add(t);
        }
        return out;
    }

    /**
     * Answers request {@code m} (counted by the ledger as {@code id}): a reply to its JMSReplyTo,
     * its JMSCorrelationID the request's id, with the request's properties, priority and body, as
     * the simulator's consumer replies.
     */
    private static void reply(Session session, Message m, String id) throws JMSException {
        Message r = ArtemisRetrier.copy(session, m, COPY_PROPERTY);
        r.setStringProperty(ID_PROPERTY, "reply-" + id);
        r.setLongProperty(TIME_PROPERTY, System.nanoTime());
        r.setJMSCorrelationID(m.getStringProperty(ID_PROPERTY));
        try (MessageProducer p = session.createProducer(m.getJMSReplyTo())) {
            p.setDisableMessageID(true);
            p.send(r, DeliveryMode.PERSISTENT, m.getJMSPriority(), Message.DEFAULT_TIME_TO_LIVE);
        }
    }

    /**
     * A thread that takes source {@code s}'s replies off its reply queue, as the simulator's source
     * does when no consumer reads that queue (null when it has none on the server or a consumer
     * reads it): on a session of its own, acknowledged automatically, until the run stops.
     */
    private Thread replyTaker(Source s, ArtemisTarget.Link l) throws JMSException {
        String queueId = ledger.replyQueueOf(s);
        if (queueId == null) {
            return null;
        }
        Session session = l.connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer mc = session.createConsumer(session.createQueue(
                topology.queue(ledger.queueName(queueId)).consumeFrom()));
        Thread t = new Thread(() -> {
            try {
                while (!stopping) {
                    Message m;
                    try {
                        m = mc.receive(POLL_MS);
                    } catch (JMSException | RuntimeException e) {
                        if (!lostConnection(e)) {
                            throw e;
                        }
                        continue;
                    }
                    if (m != null) {
                        String id = m.getStringProperty(ID_PROPERTY) != null ? m.getStringProperty(ID_PROPERTY)
                                : m.getJMSMessageID();
                        ledger.replyReceived(queueId, s.id(), id, m.getJMSCorrelationID(),
                                m.propertyExists(TIME_PROPERTY) ? m.getLongProperty(TIME_PROPERTY) : null, System.nanoTime());
                    }
                }
            } catch (Exception e) {
                if (!stopping) {
                    failure = failure == null ? e : failure;
                }
            } finally {
                closeQuietly(session);
            }
        }, "pipewright-live-" + s.id() + "-replies");
        t.setDaemon(true);
        return t;
    }

    /**
     * Commits; false when a lost connection cut the commit, so the queue delivers the message again
     * if the server rolled the transaction back (counted given back, and {@code failedAttempt}'s
     * failure not counted, as the attempt did not end). The server may have committed it before the
     * loss, though; {@code uncertain}, when given, tells the ledger so instead, which settles it at the end.
     */
    private boolean committed(Session session, Consumer c, String queueId, String id, int attempt,
                              NodeTally failedAttempt, Runnable uncertain)
            throws JMSException {
        try {
            session.commit();
            return true;
        } catch (JMSException | RuntimeException e) {
            rollBackAfterLostConnection(session, e);
            if (failedAttempt != null) {
                failedAttempt.failed.decrementAndGet();
            }
            if (uncertain != null) {
                uncertain.run();
            } else {
                ledger.abandoned(c.id(), queueId, id, attempt);
            }
            return false;
        }
    }

    // ---------------------------------------------------------------- the session run by hand

    @Override
    public void begin(long seed) throws LiveFailure {
        Random seeds = new Random(seed);
        try {
            for (Node n : flow.nodes()) {
                if (n instanceof Consumer c) {
                    long consumerSeed = seeds.nextLong();
                    consumerSeeds.put(c.id(), consumerSeed);
                    List<Instance> list = new ArrayList<>();
                    instances.put(c.id(), list);
                    String queueId = ledger.queueOf(c);
                    if (queueId != null) {
                        consumerLinks.put(c.id(), connect(window(c, queueId), true));
                        for (int i = 0; i < c.instances(); i++) {
                            list.add(openInstance(c, i));
                        }
                    }
                }
            }
            // Before the sources: a source wired straight to a processor runs its messages through the processors' stage.
            endpoints = new LiveEndpoints(flow, ledger, seed * 37 + 29);
            ledger.showEndpoints(endpoints);
            processors = processorClients(seed, held);
            sessionThreads.addAll(processors.threads());
            processors.threads().forEach(Thread::start);
            endpoints.start();
            Map<Boolean, ArtemisTarget.Link> sourceLinks = new HashMap<>();
            for (Node n : flow.nodes()) {
                if (n instanceof Source s) {
                    ArtemisTarget.Link l = sourceLink(s, sourceLinks);
                    Session session = l.connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
                    List<Route> routes = routes(s, session);
                    long sourceSeed = seeds.nextLong();
                    SourcePacing.Control control = new SourcePacing.Control(s.rate());
                    control.hold(true);
                    controls.put(s.id(), control);
                    IntSupplier failovers = failoversOf(l);
                    LivePayload payloads = new LivePayload(s, seed);
                    Thread t = new Thread(() -> publish(s, session, routes, sourceSeed, payloads, Long.MAX_VALUE, control,
                            failovers),
                            "pipewright-live-" + s.id());
                    t.setDaemon(true);
                    sessionThreads.add(t);
                    t.start();
                    Thread replies = replyTaker(s, l);
                    if (replies != null) {
                        sessionThreads.add(replies);
                        replies.start();
                    }
                }
            }
            sessionThreads.addAll(startRetriers());
        } catch (LiveFailure e) {
            throw e;
        } catch (Exception e) {
            throw new LiveFailure(target.describe(e, "opening the sessions"), e);
        }
    }

    /** Opens instance {@code i} of consumer {@code c} on the consumer's connection, held, and starts its thread. */
    private Instance openInstance(Consumer c, int i) throws JMSException {
        String queueId = ledger.queueOf(c);
        ArtemisTopology.QueueRef queue = topology.queue(ledger.queueName(queueId));
        String deadLetterId = ledger.deadLetterQueueOf(queueId);
        String deadLetterQueue = deadLetterId == null ? null : ledger.queueName(deadLetterId);
        boolean autoAck = c.ackMode() == Consumer.AckMode.AUTO;
        Session session = autoAck ? consumerLinks.get(c.id()).connection().createSession(false, Session.AUTO_ACKNOWLEDGE)
                : consumerLinks.get(c.id()).connection().createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer deadLetters = deadLetterQueue == null ? null
                : session.createProducer(session.createQueue(deadLetterQueue));
        Random rng = new Random(consumerSeeds.get(c.id()) + i);
        Instance in = new Instance();
        in.paused = held || pausedConsumers.contains(c.id());
        Thread t = new Thread(() -> consumeByHand(c, queueId, queue.consumeFrom(), session, deadLetters, rng, autoAck, in),
                "pipewright-live-" + c.id() + "-" + i);
        t.setDaemon(true);
        sessionThreads.add(t);
        t.start();
        return in;
    }

    private void consumeByHand(Consumer c, String queueId, String from, Session session, MessageProducer deadLetters,
                               Random rng, boolean autoAck, Instance in) {
        NodeTally me = ledger.tally(c.id());
        BooleanSupplier gone = () -> stopping || in.closed;
        MessageConsumer mc = null;
        try {
            while (!gone.getAsBoolean()) {
                if (in.paused) {
                    if (mc != null) {
                        mc.close(); // what its buffer holds goes back to the queue
                        mc = null;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
                    continue;
                }
                if (mc == null) {
                    mc = session.createConsumer(session.createQueue(from));
                }
                Message m = mc.receive(POLL_MS);
                if (m == null) {
                    continue;
                }
                me.busy.incrementAndGet();
                try {
                    handle(c, queueId, session, m, deadLetters, rng, autoAck, me, gone);
                } finally {
                    me.busy.decrementAndGet();
                }
            }
        } catch (Exception e) {
            if (!gone.getAsBoolean()) {
                failure = failure == null ? e : failure;
            }
        } finally {
            closeQuietly(session); // rolls back what it holds: the message goes back to its queue, as on a crash
        }
    }

    @Override
    public void hold(boolean hold) {
        held = hold;
        controls.values().forEach(c -> c.hold(hold));
        instances.keySet().forEach(this::applyConsuming);
        if (processors != null) {
            processors.setPaused(hold);
        }
    }

    private void applyConsuming(String consumerId) {
        boolean pause = held || pausedConsumers.contains(consumerId);
        instances.get(consumerId).forEach(in -> in.paused = pause);
    }

    @Override
    public void inject(Fault fault) throws LiveFailure {
        try {
            switch (fault) {
                case Fault.SetRate f -> control(f.sourceId()).setRate(f.perSecond());
                case Fault.Flood f -> control(f.sourceId()).flood(f.factor(), f.seconds());
                case Fault.PauseConsumer f -> {
                    instances(f.consumerId());
                    pausedConsumers.add(f.consumerId());
                    applyConsuming(f.consumerId());
                }
                case Fault.ResumeConsumer f -> {
                    instances(f.consumerId());
                    pausedConsumers.remove(f.consumerId());
                    applyConsuming(f.consumerId());
                }
                case Fault.SetInstances f -> setInstances(f.consumerId(), f.instances());
                case Fault.CrashInstance f -> {
                    Instance in = instance(f.consumerId(), f.instance());
                    in.crashed = true;
                    in.closed = true; // its thread closes the session: what it holds goes back
                }
                case Fault.RestoreInstance f -> {
                    if (instance(f.consumerId(), f.instance()).crashed) {
                        Consumer c = (Consumer) flow.node(f.consumerId()).orElseThrow();
                        instances.get(c.id()).set(f.instance(), openInstance(c, f.instance()));
                    }
                }
                case Fault.EndpointDown f -> endpoints.setDown(f.endpointId(), true);
                case Fault.EndpointUp f -> endpoints.setDown(f.endpointId(), false);
                // Any fault added later is refused until a live run learns it.
                default -> throw LiveSession.unsupported(fault);
            }
        } catch (JMSException e) {
            throw new LiveFailure(target.describe(e, "changing the consumers"), e);
        }
    }

    private void setInstances(String consumerId, int n) throws JMSException {
        if (n < 0) {
            throw new IllegalArgumentException("a consumer runs 0 or more instances (was " + n + ")");
        }
        List<Instance> list = instances(consumerId);
        if (!consumerLinks.containsKey(consumerId)) {
            throw new IllegalArgumentException("consumer '" + consumerId + "' takes from no queue on the broker");
        }
        Consumer c = (Consumer) flow.node(consumerId).orElseThrow();
        while (list.size() < n) {
            list.add(openInstance(c, list.size()));
        }
        while (list.size() > n) {
            list.removeLast().closed = true; // its session closes: what it holds goes back
        }
    }

    private SourcePacing.Control control(String sourceId) {
        return RunParts.control(controls, sourceId);
    }

    private List<Instance> instances(String consumerId) {
        return RunParts.instances(instances, consumerId);
    }

    private Instance instance(String consumerId, int i) {
        return RunParts.instance(instances, consumerId, i);
    }

    @Override
    public Snapshot liveSnapshot(double seconds) throws LiveFailure {
        try {
            // Artemis counts what its clients hold, in their buffers and in hand; in hand is in flight.
            return ledger.liveSnapshot(seconds, name -> management.messageCount(name) - ledger.inHandAt(name));
        } catch (Exception e) {
            throw new LiveFailure(target.describe(e, "reading the queue depths"), e);
        }
    }

    @Override
    public Exception failure() {
        return failure;
    }

    @Override
    public void end() {
        stopping = true;
        joinAll(sessionThreads);
        sessionThreads.clear();
        if (endpoints != null) {
            endpoints.close();
        }
        runLinks.forEach(ArtemisTarget.Link::close);
        runLinks.clear();
    }

    @Override
    public void teardown() {
        if (embedded == null) {
            topology.teardown(management);
        }
    }

    @Override
    public void close() {
        stopping = true;
        management.close();
        link.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
