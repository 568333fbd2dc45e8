// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.pipewright.brokers.live.LiveChecks;
import dev.pipewright.brokers.live.LiveEndpoints;
import dev.pipewright.brokers.live.LiveSession;
import dev.pipewright.brokers.live.RunParts;
import dev.pipewright.brokers.live.SourcePacing;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.brokers.live.CrashSchedule;
import dev.pipewright.brokers.live.LiveEvents;
import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.brokers.live.LiveLedger;
import dev.pipewright.brokers.live.LiveMessages;
import dev.pipewright.brokers.live.LivePayload;
import dev.pipewright.brokers.live.Modelled;
import dev.pipewright.brokers.live.NodeTally;
import dev.pipewright.brokers.live.ProcessorStage;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Processor;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A flow run on a real RabbitMQ: {@link #declare} declares what the RabbitMQ export writes,
 * {@link #run} lets its sources publish and its consumers consume as modelled and ends in the
 * same {@link Snapshot} the simulator publishes, {@link #teardown} deletes what was declared.
 *
 * <p>Sources publish from one thread each at the modelled rate and arrival (a seeded
 * {@link Random}), with publisher confirms where the source asks for them; consumers take one
 * channel per instance with their prefetch and hold each message for a drawn processing time on
 * a timer thread (never sleeping on the delivery thread), then ack, or fail as modelled. Counts
 * come from the clients ({@link LiveLedger}), depths from the broker (passive declares).
 * Processors fed by a queue run in clients of their own ({@link ProcessorClients}); request/reply,
 * a source's duplicates and retry with delay ({@link RabbitRetrier}) run as the simulator runs
 * them. Endpoints fed straight by a source, a consumer or a processor are played in this client ({@link
 * LiveEndpoints}); so are message stores fed by those and forwarding to an endpoint ({@link
 * dev.pipewright.brokers.live.LiveStores}).
 * A consumer wired on to queues or topics publishes a copy of what it finished along each wire, and
 * one wired to a processor runs it ({@link ProcessorStage#fromConsumer}), on a confirm channel
 * before its ack; one wired to an endpoint or a message store hands it the message after the ack.
 */
public final class LiveRun implements LiveSession {
    /** The header carrying the message id, by which deliveries of one message are counted. */
    static final String ID_HEADER = "pw-id";
    /** The header carrying the publish time (this JVM's nanoTime), for latencies. */
    static final String TIME_HEADER = "pw-t0";
    /** The header carrying a duplicated message's copy number (2 for the source's second publish). */
    static final String COPY_HEADER = "pw-copy";
    private static final long POLL_MS = 20;
    /** How long the end of a run waits for a publisher: its last confirms, after a reconnect if need be. */
    private static final long JOIN_MS = 2 * RabbitTarget.RECOVERY_BOUND.toMillis() + 5_000;

    private final Flow flow;
    private final RabbitTarget target;
    private final Connection connection;
    /**
     * The sources' own connection: when the broker blocks publishers (flow control), this
     * connection waits, and the consumers' acknowledgements on the other one still go through.
     */
    private final PublisherLink publishing;
    /** How often the consumers' connection was lost and recovered by the library. */
    private final java.util.concurrent.atomic.AtomicInteger recoveries = new java.util.concurrent.atomic.AtomicInteger();
    private final Topology topology;
    private final LiveLedger ledger;
    /** The consumer instances of a run ({@link #run}), by consumer; guarded by itself (crashes come on the timer). */
    private final Map<String, List<Instance>> running = new LinkedHashMap<>();
    /** What failed when a scheduled crash or restore was carried out, or null. */
    private volatile Exception scheduleFailure;
    private volatile boolean stopping;
    // The session run by hand (LiveSession): touched only by the thread that drives it.
    private final Map<String, List<Instance>> instances = new LinkedHashMap<>();
    private final Map<String, Long> consumerSeeds = new HashMap<>();
    private final Map<String, SourcePacing.Control> controls = new HashMap<>();
    private final Set<String> pausedConsumers = new HashSet<>();
    private final List<Thread> sessionPublishers = new ArrayList<>();
    /** The sources publishing now, whose refusals (a missing write permission) end the run. */
    private final List<SourcePublisher> sources = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ScheduledExecutorService sessionTimer;
    /** The processors' clients of the run or session going on, or null. */
    private ProcessorClients processors;
    /** The endpoints the run or session going on plays in this client, or null. */
    private LiveEndpoints endpoints;
    private boolean held = true;
    /** The channels on which sources take their replies (request/reply), closed as the run ends. */
    private final List<Channel> replyChannels = new java.util.concurrent.CopyOnWriteArrayList<>();
    /**
     * The confirm channels on which consumers publish what they pass on to a queue or topic, by
     * consumer, opened on first use; closed as the run or session ends.
     */
    private final Map<String, Channel> onwardChannels = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * What consumers made of inputs they passed on but whose acknowledgement has not reached the
     * broker yet (a publish not confirmed, a lost connection), by consumer, queue and ledger id: a
     * redelivery publishes these again rather than running the processors a second time, so an
     * aggregator or resequencer held in this client takes each input once. As many as the
     * consumers' deliveries in hand, each gone once acknowledged (or failed, or given up).
     */
    private final Map<String, List<Leg>> unacknowledgedLegs = new java.util.concurrent.ConcurrentHashMap<>();
    /** The retrying dead-letter queues' clients (retry with delay), declared with the topology. */
    private final List<RabbitRetrier> retriers = new ArrayList<>();

    /** One consumer instance of a session: its channel, and its consumer tag while it takes messages. */
    private static final class Instance {
        final Channel channel;
        final DefaultConsumer handler;
        String tag;
        boolean crashed;

        Instance(Channel channel, DefaultConsumer handler) {
            this.channel = channel;
            this.handler = handler;
        }
    }

    private LiveRun(Flow flow, RabbitTarget target, Connection connection, PublisherLink publishing, Topology topology) {
        this.flow = flow;
        this.target = target;
        this.connection = connection;
        this.publishing = publishing;
        this.topology = topology;
        this.ledger = new LiveLedger(flow);
    }

    /**
     * What this backend refuses in {@code flow}, in the words {@code check} uses: errors for what
     * does not run live yet, warnings for what runs without one of its properties.
     */
    public static List<Finding> check(Flow flow) {
        List<Finding> out = new ArrayList<>(LiveChecks.common(flow, true));
        out.addAll(dev.pipewright.brokers.live.DeadLetterRetries.check(flow));
        for (Node n : flow.nodes()) {
            if (n instanceof Source s && s.script().stream().anyMatch(m -> m.delay() != null)) {
                out.add(new Finding(Severity.WARNING, s.id(), null, "source '" + s.name() + "': a scripted message's"
                        + " delay is not applied on RabbitMQ, which has no delayed delivery of its own",
                        "enable the rabbitmq_delayed_message_exchange plugin, or run it in the simulator"));
            }
        }
        return out;
    }

    /**
     * Connects and declares what the RabbitMQ export of {@code flow} writes for the target's virtual host.
     *
     * @throws LiveFailure in one sentence naming the address when the broker is down, refuses the login or a declaration
     */
    public static LiveRun declare(Flow flow, RabbitTarget target) throws LiveFailure {
        Objects.requireNonNull(flow, "flow");
        Topology topology = Topology.of(flow, target.vhost());
        // A name a person (or a test) finds in the management UI; the sources' connection shares it.
        String name = "pipewright-deploy-" + java.util.HexFormat.of().toHexDigits(new java.security.SecureRandom().nextInt());
        // The consumers' connection recovers on its own (the library declares the topology again and
        // registers the consumers again); the sources' reconnects itself, to publish again what was not confirmed.
        Connection connection = target.connectRecovering(name);
        PublisherLink publishing;
        try {
            publishing = new PublisherLink(target, name + "-sources");
        } catch (LiveFailure e) {
            closeQuietly(connection);
            throw e;
        }
        LiveRun run = new LiveRun(flow, target, connection, publishing, topology);
        if (connection instanceof com.rabbitmq.client.Recoverable r) {
            r.addRecoveryListener(new com.rabbitmq.client.RecoveryListener() {
                @Override
                public void handleRecovery(com.rabbitmq.client.Recoverable recovered) {
                    run.recoveries.incrementAndGet();
                }

                @Override
                public void handleRecoveryStarted(com.rabbitmq.client.Recoverable recovering) {
                    // Counted once it worked.
                }
            });
        }
        try {
            topology.declare(connection);
        } catch (IOException | RuntimeException e) {
            run.teardown();
            run.close();
            throw new LiveFailure(target.describe(e, "declaring the topology"), e);
        }
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings && topology.queueNames().contains(n.name())) {
                run.ledger.nameQueue(n.id(), n.name());
            }
        }
        for (var plan : dev.pipewright.brokers.live.DeadLetterRetries.of(flow)) {
            RabbitRetrier r = new RabbitRetrier(plan, run.ledger);
            if (r.runs(topology.queueNames())) {
                run.retriers.add(r);
                r.register();
            }
        }
        return run;
    }

    /** The export's warnings, but for its note on the retry with delay the run carries out ({@link RabbitRetrier}). */
    @Override
    public List<Finding> warnings() {
        Set<String> retrying = new HashSet<>();
        retriers.forEach(r -> retrying.add(r.dlqId()));
        return topology.warnings().stream().filter(f -> !(f.severity() == dev.pipewright.model.check.Severity.INFO
                && retrying.contains(f.nodeId()) && f.message().contains("retries its messages"))).toList();
    }

    @Override
    public void setEvents(LiveEvents listener) {
        ledger.setEvents(listener);
    }

    @Override
    public Snapshot run(long seed, Duration limit) throws LiveFailure {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        ScheduledExecutorService timer = RunParts.daemonTimer("pipewright-live-timer", 2);
        List<Thread> publishers = new ArrayList<>();
        sources.clear();
        Random seeds = new Random(seed);
        try {
            for (RabbitRetrier r : retriers) {
                r.start(connection);
            }
            // Before the consumers, which pass messages on to endpoints and processors.
            endpoints = new LiveEndpoints(flow, ledger, endpointSeed(seed));
            ledger.showEndpoints(endpoints);
            processors = new ProcessorClients(flow, connection, ledger, processorSeed(seed), 2, () -> stopping, endpoints);
            for (Node n : flow.nodes()) {
                if (n instanceof Consumer c) {
                    startConsumer(c, seeds.nextLong(), timer);
                }
            }
            processors.resume();
            CrashSchedule.start(flow, timer, scheduledCrashes(timer), e -> scheduleFailure = e);
            for (Node n : flow.nodes()) {
                if (n instanceof Source s) {
                    SourcePublisher p = new SourcePublisher(s, routes(s), publishing, ledger.tally(s.id()), seeds.nextLong(),
                            new LivePayload(s, seed), deadline, () -> stopping).throughProcessors(processors, ledger)
                            .toEndpoints(endpoints);
                    asRequests(s, p);
                    sources.add(p);
                    Thread t = new Thread(p, "pipewright-live-" + s.id());
                    t.setDaemon(true);
                    publishers.add(t);
                }
            }
            // The endpoints' down windows are measured from the moment the sources start.
            endpoints.start();
            // A publisher waits for its last confirms at the end, over a lost connection too.
            RunParts.playUntilQuiet(publishers, deadline, ledger, this::ready, () -> {
                throwRefusal();
                throwScheduleFailure();
            }, () -> stopping = true, POLL_MS, JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } catch (Exception e) {
            throw new LiveFailure(target.describe(e, "running the flow"), e);
        } finally {
            stopping = true;
            if (endpoints != null) {
                endpoints.close();
            }
            timer.shutdownNow();
            if (processors != null) {
                processors.close();
            }
            // Closing a consumer's channel returns what it holds unacknowledged to its queue.
            synchronized (running) {
                running.values().forEach(list -> list.forEach(in -> closeQuietly(in.channel)));
                running.clear();
            }
            replyChannels.forEach(LiveRun::closeQuietly);
            replyChannels.clear();
            onwardChannels.values().forEach(LiveRun::closeQuietly);
            onwardChannels.clear();
            retriers.forEach(RabbitRetrier::stop);
        }
        try {
            return ledger.snapshot((System.nanoTime() - start) / 1e9, this::ready);
        } catch (Exception e) {
            throw new LiveFailure(target.describe(e, "reading the queue depths"), e);
        }
    }

    /** The endpoints' seed: apart from the others, which it leaves as they were. */
    private static long endpointSeed(long seed) {
        return seed * 37 + 29;
    }

    /** The processors' seed: apart from the consumers' and sources', which it leaves as they were. */
    private static long processorSeed(long seed) {
        return seed * 31 + 17;
    }

    /** Throws, in one sentence, the refusal of a source's publish (a missing write permission), if any. */
    private void throwRefusal() throws LiveFailure {
        for (SourcePublisher p : sources) {
            if (p.refusal() != null) {
                throw new LiveFailure(target.describe(p.refusal(), "publishing"), p.refusal());
            }
        }
    }

    /**
     * The messages ready in {@code queue}; while the consumers' connection is lost this waits for the
     * library to recover it, for up to {@link RabbitTarget#RECOVERY_BOUND}.
     */
    private long ready(String queue) throws IOException {
        long giveUp = System.nanoTime() + RabbitTarget.RECOVERY_BOUND.toNanos();
        while (true) {
            try (Channel ch = connection.createChannel()) {
                return ch.queueDeclarePassive(queue).getMessageCount();
            } catch (IOException | java.util.concurrent.TimeoutException | com.rabbitmq.client.ShutdownSignalException e) {
                // An open connection that refused is an answer (the queue is gone); a lost one may come back.
                if (connection.isOpen() || System.nanoTime() > giveUp) {
                    throw e instanceof IOException io ? io : new IOException(e);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(POLL_MS * 1_000_000L);
            }
        }
    }

    /**
     * One sentence telling how often the connections were lost during the run and recovered and how
     * many messages were delivered twice, or empty when no connection was lost.
     */
    @Override
    public java.util.Optional<String> recovered() {
        return ledger.recovered("RabbitMQ at " + target, recoveries.get() + publishing.losses());
    }

    private void startConsumer(Consumer c, long seed, ScheduledExecutorService timer) throws IOException {
        String queueId = ledger.queueOf(c);
        if (queueId == null) {
            return;
        }
        consumerSeeds.put(c.id(), seed);
        List<Instance> list = new ArrayList<>();
        synchronized (running) {
            running.put(c.id(), list);
            for (int i = 0; i < c.instances(); i++) {
                Instance in = openInstance(c, queueId, i, seed, timer);
                list.add(in);
                consume(in, c, queueId, i);
            }
        }
    }

    /**
     * A run's scheduled crashes: closing an instance's channel is a crash to the broker (what it
     * held unacknowledged goes back); a restore opens a new channel for it, as a restarted client would.
     */
    private CrashSchedule.Instances scheduledCrashes(ScheduledExecutorService timer) {
        return new CrashSchedule.Instances() {
            @Override
            public void crash(String consumerId, int i) {
                synchronized (running) {
                    Instance in = running.get(consumerId) == null ? null : running.get(consumerId).get(i);
                    if (in != null && !in.crashed && !stopping) {
                        in.crashed = true;
                        in.tag = null;
                        closeQuietly(in.channel);
                    }
                }
            }

            @Override
            public void restore(String consumerId, int i) throws IOException {
                synchronized (running) {
                    List<Instance> list = running.get(consumerId);
                    if (list != null && list.get(i).crashed && !stopping) {
                        Consumer c = (Consumer) flow.node(consumerId).orElseThrow();
                        Instance in = openInstance(c, ledger.queueOf(c), i, consumerSeeds.get(consumerId), timer);
                        list.set(i, in);
                        consume(in, c, ledger.queueOf(c), i);
                    }
                }
            }
        };
    }

    private void throwScheduleFailure() throws LiveFailure {
        Exception e = scheduleFailure;
        if (e != null) {
            throw new LiveFailure(target.describe(e, "restarting a crashed consumer instance"), e);
        }
    }

    /** Opens instance {@code i} of consumer {@code c}: a channel with the consumer's prefetch, not consuming yet. */
    private Instance openInstance(Consumer c, String queueId, int i, long seed, ScheduledExecutorService timer)
            throws IOException {
        NodeTally me = ledger.tally(c.id());
        boolean autoAck = c.ackMode() == Consumer.AckMode.AUTO;
        Channel ch = connection.createChannel();
        ch.basicQos(c.prefetch());
        Random rng = new Random(seed + i);
        DefaultConsumer handler = new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                long now = System.nanoTime();
                Map<String, Object> headers = props.getHeaders() == null ? Map.of() : props.getHeaders();
                String id = LiveMessages.ledgerId(props.getMessageId() != null ? props.getMessageId()
                        : "tag-" + envelope.getDeliveryTag(), headers.get(COPY_HEADER), headers.get(RabbitRetrier.RETRY_HEADER),
                        headers.get(LiveMessages.LEG_HEADER));
                Long t0 = headers.get(TIME_HEADER) instanceof Long t ? t : null;
                int attempt = ledger.delivered(queueId, c.id(), id, t0, now);
                double hold;
                boolean fail;
                synchronized (rng) {
                    hold = Modelled.seconds(c.processingTime(), rng);
                    fail = Modelled.fails(c, attempt, rng, headers::get, () -> new String(body, StandardCharsets.UTF_8));
                }
                me.busy.incrementAndGet();
                Runnable finish = () -> finish(ch, c, me, queueId, id, attempt, envelope, t0, now, fail, autoAck, props, body);
                if (hold <= 0) {
                    finish.run();
                } else {
                    timer.schedule(finish, Math.round(hold * 1e9), TimeUnit.NANOSECONDS);
                }
            }
        };
        return new Instance(ch, handler);
    }

    /** Lets instance {@code i} take messages (again). */
    private void consume(Instance in, Consumer c, String queueId, int i) throws IOException {
        if (in.tag == null && !in.crashed) {
            boolean autoAck = c.ackMode() == Consumer.AckMode.AUTO;
            try {
                in.tag = in.channel.basicConsume(ledger.queueName(queueId), autoAck,
                        "pw-" + c.id() + "-" + i + "-" + System.nanoTime(), in.handler);
            } catch (IOException e) {
                throw new NeedsPermission("read", "consume from", e);
            }
        }
    }

    /** Stops instance {@code in} taking messages; what it holds it still finishes and acknowledges. */
    private static void cancel(Instance in) throws IOException {
        if (in.tag != null && in.channel.isOpen()) {
            in.channel.basicCancel(in.tag);
        }
        in.tag = null;
    }

    private void finish(Channel ch, Consumer c, NodeTally me, String queueId, String id, int attempt, Envelope envelope,
                        Long t0, long started, boolean fail, boolean autoAck, AMQP.BasicProperties props, byte[] body) {
        long tag = envelope.getDeliveryTag();
        try {
            long now = System.nanoTime();
            ledger.processed(c.id(), started, now);
            if (stopping) {
                return;
            }
            if (!ch.isOpen()) {
                // A crashed instance or a lost connection: the broker has the message back.
                ledger.abandoned(c.id(), queueId, id, attempt);
                return;
            }
            String legsKey = c.id() + '\u0000' + queueId + '\u0000' + id;
            if (fail) {
                unacknowledgedLegs.remove(legsKey); // it goes no further this time
                me.failed.incrementAndGet();
                if (autoAck) {
                    me.rejected.incrementAndGet();
                    ledger.settled(queueId, id);
                    return;
                }
                switch (c.onFailure()) {
                    case REQUEUE -> {
                        ledger.requeued(queueId, id);
                        ch.basicNack(tag, false, true);
                    }
                    case REJECT -> {
                        // The model's reject drops the message; a basic.reject would dead-letter it
                        // on a queue with a dead-letter exchange, so the message is acked away instead.
                        if (sentFailure(() -> ch.basicAck(tag, false), c, me, queueId, id, attempt,
                                LiveLedger.Settlement.REJECTED, t0, now)) {
                            me.rejected.incrementAndGet();
                            ledger.settled(queueId, id);
                        }
                    }
                    case DEAD_LETTER -> {
                        if (sentFailure(() -> ch.basicReject(tag, false), c, me, queueId, id, attempt,
                                LiveLedger.Settlement.DEAD_LETTERED, t0, now)) {
                            me.deadLetteredByConsumer.incrementAndGet();
                            ledger.settled(queueId, id);
                        }
                    }
                }
                return;
            }
            if (c.replies() && props.getReplyTo() != null) {
                reply(ch, c, props, body, id); // before the ack on the same channel, so the broker has it first
            }
            List<Edge> wires = ledger.onward(c);
            // Once, as the simulator's consumer passes a message on: a delivery of one acknowledged already goes no further.
            boolean passing = !wires.isEmpty() && !ledger.finished(queueId, id);
            // A processor it is wired to runs in this client; what comes out is published as the processor's.
            // A redelivery of an input whose acknowledgement was lost publishes what it came to the first time.
            List<Leg> legs = !passing ? List.of() : autoAck ? legs(c, wires, envelope, props, body)
                    : unacknowledgedLegs.computeIfAbsent(legsKey, k -> legs(c, wires, envelope, props, body));
            boolean passed = passing && passedOn(c, legs, envelope, body);
            if (passed) {
                for (Leg leg : legs) {
                    if (leg.through() != null) {
                        // Before the ack: a lost one delivers it again, and the endpoints take it once.
                        endpoints.fromProcessor(leg.wire().to(), List.of(id), leg.through().local(), t0);
                    }
                }
            }
            if (passing && !passed) {
                if (autoAck) {
                    me.rejected.incrementAndGet(); // the broker forgot it at delivery: lost, as the simulator drops it
                    ledger.settled(queueId, id);
                } else {
                    ledger.requeued(queueId, id); // not confirmed onwards: the input goes back, at least once
                    ch.basicNack(tag, false, true);
                }
                return;
            }
            if (!autoAck) {
                try {
                    ch.basicAck(tag, false);
                } catch (IOException | RuntimeException e) {
                    ledger.abandoned(c.id(), queueId, id, attempt); // lost with the connection: the broker delivers it again
                    return;
                }
                unacknowledgedLegs.remove(legsKey);
            }
            if (ledger.acknowledged(c.id(), queueId, id, t0, now) && passing) {
                // Counted once, at the first acknowledgement: a copy published before a lost ack is a duplicate further on.
                ledger.passedOn(c.id(), legs.size());
                for (Leg leg : legs) {
                    Node to = flow.node(leg.wire().to()).orElseThrow();
                    if (LiveEndpoints.plays(to)) {
                        endpoints.send(to.id(), t0 == null ? now : t0);
                    } else if (leg.through() != null) {
                        leg.through().outputs().forEach(o -> ledger.forwarded(to.id(), o.edge().to()));
                    } else {
                        ledger.forwarded(c.id(), to.id());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // The channel closed under us (the run ends or the broker went away); the message
            // goes back to the queue, and the counts say it was not finished.
        } finally {
            me.busy.decrementAndGet();
        }
    }

    /** One publish of what a consumer passes on. */
    private record Send(String exchange, String key, AMQP.BasicProperties props, byte[] body) {
    }

    /** A delivery as the processor stage takes it: its id, body, headers and the modelled routing key (null: none). */
    private static ProcessorStage.Item item(Envelope envelope, AMQP.BasicProperties props, byte[] body) {
        String messageId = props.getMessageId() != null ? props.getMessageId() : "tag-" + envelope.getDeliveryTag();
        // The modelled routing key travels only through a topic's exchange; the default exchange's key is the queue's name.
        String key = envelope.getExchange().isEmpty() ? null : envelope.getRoutingKey();
        return new ProcessorStage.Item(messageId, new String(body, StandardCharsets.UTF_8), body.length,
                props.getHeaders() == null ? Map.of() : props.getHeaders(), key);
    }

    /**
     * One wire a consumer passes a message on along, with the properties of its copy ({@code props});
     * to a processor, with what the processor made of it ({@code through}) and it as the processor
     * took it ({@code in}); else both null.
     */
    private record Leg(Edge wire, AMQP.BasicProperties props, ProcessorStage.Item in, ProcessorStage.Result through) {
    }

    /**
     * The legs of a delivery consumer {@code c} passes on along {@code wires}: each processor among
     * them runs its copy here, now; a copy past the first carries its {@link LiveMessages#leg}.
     */
    private List<Leg> legs(Consumer c, List<Edge> wires, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
        List<Leg> out = new ArrayList<>();
        for (int i = 0; i < wires.size(); i++) {
            Edge w = wires.get(i);
            AMQP.BasicProperties copy = asLeg(props, c, i);
            if (flow.node(w.to()).orElse(null) instanceof Processor) {
                ProcessorStage.Item item = item(envelope, copy, body);
                out.add(new Leg(w, copy, item, processors.stage().fromConsumer(w.to(), item)));
            } else {
                out.add(new Leg(w, copy, null, null));
            }
        }
        return out;
    }

    /** {@code props} as the copy consumer {@code c} passes on along its wire {@code wire} carries them. */
    private static AMQP.BasicProperties asLeg(AMQP.BasicProperties props, Consumer c, int wire) {
        Map<String, Object> headers = props.getHeaders() == null ? Map.of() : props.getHeaders();
        String leg = LiveMessages.leg(headers.get(LiveMessages.LEG_HEADER), c.id(), wire);
        if (wire == 0 || leg == null) {
            return props;
        }
        Map<String, Object> copy = new HashMap<>(headers);
        copy.put(LiveMessages.LEG_HEADER, leg);
        return props.builder().headers(copy).build();
    }

    /**
     * Publishes what consumer {@code c} finished on along its {@code legs}: to a queue through the
     * default exchange or to a topic's exchange with the wire's key (else the key it came with),
     * with its properties and body; for a processor, its outputs as the processor clients publish
     * them; nothing for an endpoint (played once the input is acknowledged). Waits for the
     * broker's confirms; false when they did not all come.
     */
    private boolean passedOn(Consumer c, List<Leg> legs, Envelope envelope, byte[] body) {
        List<Send> sends = new ArrayList<>();
        for (Leg leg : legs) {
            Node to = flow.node(leg.wire().to()).orElseThrow();
            if (leg.through() != null) {
                for (ProcessorStage.Output o : leg.through().outputs()) {
                    ProcessorClients.Destination d = processors.destination(o);
                    sends.add(new Send(d.exchange(), d.key(), ProcessorClients.properties(leg.props(), o.item()),
                            ProcessorClients.bytes(o.item(), leg.in(), body)));
                }
            } else if (to instanceof Topic t) {
                String key = leg.wire().key() != null ? leg.wire().key()
                        : envelope.getExchange().isEmpty() ? "" : envelope.getRoutingKey();
                sends.add(new Send(t.name(), key, leg.props().builder().deliveryMode(2).build(), body));
            } else if (!LiveEndpoints.plays(to)) {
                sends.add(new Send("", ledger.queueName(to.id()), leg.props().builder().deliveryMode(2).build(), body));
            }
        }
        if (sends.isEmpty()) {
            return true; // filtered, completed at the processor, or an endpoint's: nothing to publish
        }
        try {
            Channel out = onwardChannels.computeIfAbsent(c.id(), k -> {
                try {
                    Channel ch = connection.createChannel();
                    ch.confirmSelect();
                    return ch;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            synchronized (out) { // the confirms waited for are those of these publishes
                for (Send s : sends) {
                    out.basicPublish(s.exchange(), s.key(), s.props(), s.body());
                }
                out.waitForConfirmsOrDie(RabbitTarget.RECOVERY_BOUND.toMillis());
            }
            return true;
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            // A closed channel cannot confirm again: the next message opens a new one.
            Channel broken = onwardChannels.remove(c.id());
            if (broken != null) {
                closeQuietly(broken);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A call on a consumer's channel. */
    private interface ChannelCall {
        void run() throws IOException;
    }

    /**
     * Sends a failure's settlement (a reject, or the ack that rejects away); false when the channel
     * closed under it: the lost connection may have taken it before or after the broker did it, so
     * the ledger counts it given back, {@code me}'s failure not counted, until the end of the run
     * shows from what the broker holds whether it was done ({@link LiveLedger#settlementUncertain}).
     */
    private boolean sentFailure(ChannelCall call, Consumer c, NodeTally me, String queueId, String id, int attempt,
                                LiveLedger.Settlement settlement, Long t0, long now) {
        try {
            call.run();
            return true;
        } catch (IOException | RuntimeException e) {
            me.failed.decrementAndGet();
            ledger.settlementUncertain(c.id(), queueId, id, attempt, settlement, t0, now);
            return false;
        }
    }

    /**
     * Consumer {@code c} answers request {@code id}: a reply to the request's reply_to queue through
     * the default exchange, its correlation id the request's message id, with the request's
     * headers, priority and body, as the simulator's consumer replies.
     */
    private void reply(Channel ch, Consumer c, AMQP.BasicProperties request, byte[] body, String id) throws IOException {
        String replyId = "reply-" + id;
        Map<String, Object> headers = new HashMap<>(request.getHeaders() == null ? Map.of() : request.getHeaders());
        headers.remove(COPY_HEADER);
        headers.put(ID_HEADER, replyId);
        headers.put(TIME_HEADER, System.nanoTime());
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(replyId)
                .correlationId(request.getMessageId()).headers(headers).priority(request.getPriority()).deliveryMode(2)
                .timestamp(new java.util.Date()).build();
        ch.basicPublish("", request.getReplyTo(), props, body);
        ledger.replySent(c.id());
    }

    /**
     * Makes {@code p}'s messages requests when its source has a reply queue on the broker, and, as
     * the simulator's source does when no consumer reads that queue, lets the source take its
     * replies there itself (on a channel of the consumers' connection, acknowledged automatically).
     */
    private void asRequests(Source s, SourcePublisher p) throws IOException {
        if (s.replyQueue() == null || ledger.queueName(s.replyQueue()) == null) {
            return;
        }
        p.requests(ledger.queueName(s.replyQueue()), id -> ledger.requested(s.id(), id));
        String queueId = ledger.replyQueueOf(s);
        if (queueId == null) {
            return;
        }
        Channel ch = connection.createChannel();
        replyChannels.add(ch);
        try {
            ch.basicConsume(ledger.queueName(queueId), true, "pw-" + s.id() + "-replies-" + System.nanoTime(),
                    new DefaultConsumer(ch) {
                        @Override
                        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                            long now = System.nanoTime();
                            Map<String, Object> headers = props.getHeaders() == null ? Map.of() : props.getHeaders();
                            String id = props.getMessageId() != null ? props.getMessageId() : "tag-" + envelope.getDeliveryTag();
                            ledger.replyReceived(queueId, s.id(), id, props.getCorrelationId(),
                                    headers.get(TIME_HEADER) instanceof Long t ? t : null, now);
                        }
                    });
        } catch (IOException e) {
            throw new NeedsPermission("read", "consume from", e);
        }
    }

    // ---------------------------------------------------------------- the session run by hand

    @Override
    public void begin(long seed) throws LiveFailure {
        // A lost connection is no failure: both come back on their own; what does not come back in
        // time fails where it is next used (a depth read, a publish).
        sessionTimer = RunParts.daemonTimer("pipewright-live-timer", 2);
        Random seeds = new Random(seed);
        try {
            for (RabbitRetrier r : retriers) {
                r.start(connection);
            }
            for (Node n : flow.nodes()) {
                if (n instanceof Consumer c) {
                    long consumerSeed = seeds.nextLong();
                    consumerSeeds.put(c.id(), consumerSeed);
                    List<Instance> list = new ArrayList<>();
                    instances.put(c.id(), list);
                    String queueId = ledger.queueOf(c);
                    for (int i = 0; queueId != null && i < c.instances(); i++) {
                        list.add(openInstance(c, queueId, i, consumerSeed, sessionTimer));
                    }
                }
            }
            endpoints = new LiveEndpoints(flow, ledger, endpointSeed(seed));
            ledger.showEndpoints(endpoints);
            processors = new ProcessorClients(flow, connection, ledger, processorSeed(seed), 2, () -> stopping, endpoints);
            for (Node n : flow.nodes()) {
                if (n instanceof Source s) {
                    SourcePacing.Control control = new SourcePacing.Control(s.rate());
                    control.hold(true);
                    controls.put(s.id(), control);
                    SourcePublisher p = new SourcePublisher(s, routes(s), publishing, ledger.tally(s.id()),
                            seeds.nextLong(), new LivePayload(s, seed), Long.MAX_VALUE, () -> stopping, control)
                            .throughProcessors(processors, ledger).toEndpoints(endpoints);
                    asRequests(s, p);
                    sources.add(p);
                    Thread t = new Thread(p, "pipewright-live-" + s.id());
                    t.setDaemon(true);
                    sessionPublishers.add(t);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new LiveFailure(target.describe(e, "opening the channels"), e);
        }
        endpoints.start();
        sessionPublishers.forEach(Thread::start);
    }

    @Override
    public void hold(boolean hold) throws LiveFailure {
        held = hold;
        controls.values().forEach(c -> c.hold(hold));
        try {
            for (Map.Entry<String, List<Instance>> e : instances.entrySet()) {
                applyConsuming(e.getKey());
            }
            if (hold) {
                processors.pause();
            } else {
                processors.resume();
            }
        } catch (IOException | RuntimeException e) {
            throw new LiveFailure(target.describe(e, hold ? "pausing the consumers" : "starting the consumers"), e);
        }
    }

    /** Makes each instance of consumer {@code id} take messages, or not, as the run and the consumer are held. */
    private void applyConsuming(String id) throws IOException {
        Consumer c = (Consumer) flow.node(id).orElseThrow();
        String queueId = ledger.queueOf(c);
        List<Instance> list = instances.get(id);
        for (int i = 0; i < list.size(); i++) {
            if (held || pausedConsumers.contains(id)) {
                cancel(list.get(i));
            } else {
                consume(list.get(i), c, queueId, i);
            }
        }
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
                    // Closing the channel is a crash to the broker: what it held unacknowledged goes back.
                    in.crashed = true;
                    in.tag = null;
                    closeQuietly(in.channel);
                }
                case Fault.RestoreInstance f -> {
                    if (instance(f.consumerId(), f.instance()).crashed) {
                        Consumer c = (Consumer) flow.node(f.consumerId()).orElseThrow();
                        instances.get(c.id()).set(f.instance(), openInstance(c, ledger.queueOf(c), f.instance(),
                                consumerSeeds.get(c.id()), sessionTimer));
                        applyConsuming(c.id());
                    }
                }
                case Fault.EndpointDown f -> endpoints.setDown(f.endpointId(), true);
                case Fault.EndpointUp f -> endpoints.setDown(f.endpointId(), false);
                // Any fault added later is refused until a live run learns it.
                default -> throw LiveSession.unsupported(fault);
            }
        } catch (IOException e) {
            throw new LiveFailure(target.describe(e, "changing the consumers"), e);
        }
    }

    private void setInstances(String consumerId, int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("a consumer runs 0 or more instances (was " + n + ")");
        }
        List<Instance> list = instances(consumerId);
        Consumer c = (Consumer) flow.node(consumerId).orElseThrow();
        String queueId = ledger.queueOf(c);
        if (queueId == null) {
            throw new IllegalArgumentException("consumer '" + c.name() + "' takes from no queue on the broker");
        }
        while (list.size() < n) {
            list.add(openInstance(c, queueId, list.size(), consumerSeeds.get(consumerId), sessionTimer));
        }
        while (list.size() > n) {
            // A channel closed gives its unacknowledged messages back to the queue.
            closeQuietly(list.removeLast().channel);
        }
        applyConsuming(consumerId);
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
        throwRefusal();
        try {
            return ledger.liveSnapshot(seconds, this::ready);
        } catch (Exception e) {
            throw new LiveFailure(target.describe(e, "reading the queue depths"), e);
        }
    }

    /**
     * Always null: a lost connection is no failure, both recover on their own; one that does not come
     * back in time fails the next {@link #liveSnapshot} (a depth read), in one sentence.
     */
    @Override
    public Exception failure() {
        return null;
    }

    @Override
    public void end() {
        stopping = true;
        for (Thread t : sessionPublishers) {
            try {
                t.join(JOIN_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (endpoints != null) {
            endpoints.close();
        }
        if (sessionTimer != null) {
            sessionTimer.shutdownNow();
        }
        instances.values().forEach(list -> list.forEach(in -> closeQuietly(in.channel)));
        if (processors != null) {
            processors.close();
        }
        replyChannels.forEach(LiveRun::closeQuietly);
        replyChannels.clear();
        onwardChannels.values().forEach(LiveRun::closeQuietly);
        onwardChannels.clear();
        retriers.forEach(RabbitRetrier::stop);
    }

    @Override
    public void teardown() {
        topology.teardown(connection);
    }

    @Override
    public void close() {
        publishing.close();
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        try {
            if (c.isOpen()) {
                c.close(5_000);
            }
        } catch (IOException | RuntimeException e) {
            // Closing is best effort: the broker may be gone already.
        }
    }

    private static void closeQuietly(Channel ch) {
        try {
            if (ch.isOpen()) {
                ch.close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            // As in close().
        }
    }

    /** Where a source's edges publish: the default exchange with a queue's name, a topic's exchange, or a processor in the source's client. */
    private List<SourcePublisher.Route> routes(Source s) {
        List<SourcePublisher.Route> out = new ArrayList<>();
        for (Edge e : flow.edges()) {
            if (!e.from().equals(s.id())) {
                continue;
            }
            Node to = flow.node(e.to()).orElse(null);
            if (ledger.queueName(e.to()) != null) {
                out.add(new SourcePublisher.Route("", ledger.queueName(e.to()), e.headers()));
            } else if (to instanceof Topic t) {
                out.add(new SourcePublisher.Route(t.name(), e.key(), e.headers()));
            } else if (to instanceof dev.pipewright.model.Processor) {
                out.add(new SourcePublisher.Route(null, e.key(), e.headers(), to.id()));
            } else if (LiveEndpoints.plays(to)) {
                out.add(SourcePublisher.Route.toEndpoint(to.id()));
            }
        }
        return out;
    }
}
