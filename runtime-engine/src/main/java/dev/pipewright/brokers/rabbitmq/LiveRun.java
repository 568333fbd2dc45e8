// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.pipewright.engine.api.Conservation;
import dev.pipewright.engine.api.Latency;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A flow run on a real RabbitMQ: {@link #declare} declares what the RabbitMQ export writes,
 * {@link #run} lets its sources publish and its consumers consume as modelled and ends in the
 * same {@link Snapshot} the simulator publishes, {@link #teardown} deletes what was declared.
 *
 * <p>Sources publish from one thread each at the modelled rate and arrival (a seeded
 * {@link Random}), with publisher confirms where the source asks for them; consumers take one
 * channel per instance with their prefetch and hold each message for a drawn processing time on
 * a timer thread (never sleeping on the delivery thread), then ack, or fail as modelled. Counts
 * come from the clients, depths from the broker (passive declares). Processors, endpoints,
 * message stores and request/reply do not run live yet: {@link #check} refuses them.
 */
public final class LiveRun implements AutoCloseable {
    /** The header carrying the message id, by which deliveries of one message are counted. */
    static final String ID_HEADER = "pw-id";
    /** The header carrying the publish time (this JVM's nanoTime), for latencies. */
    static final String TIME_HEADER = "pw-t0";
    private static final int MAX_BODY_CHARS = 1 << 20;
    private static final long POLL_MS = 20;
    /**
     * How long the run must look finished before it ends. A nack with requeue reaches the queue
     * after the consumer counted the failure, and a queue's count is read on another channel, so
     * one quiet look may fall between the two.
     */
    private static final long QUIET_FOR_NANOS = 500_000_000L;

    private final Flow flow;
    private final RabbitTarget target;
    private final Connection connection;
    private final Topology topology;
    private final Map<String, NodeTally> tallies = new LinkedHashMap<>();
    private final Map<String, String> queueNames = new HashMap<>();
    private final List<Channel> consumerChannels = new ArrayList<>();
    private final Set<String> requeuedOutstanding = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, String>> requeuedByQueue = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> deliveriesById = new ConcurrentHashMap<>();
    private final Set<String> completedIds = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    private LiveRun(Flow flow, RabbitTarget target, Connection connection, Topology topology) {
        this.flow = flow;
        this.target = target;
        this.connection = connection;
        this.topology = topology;
        for (Node n : flow.nodes()) {
            tallies.put(n.id(), new NodeTally());
        }
    }

    /**
     * What this backend refuses in {@code flow}, in the words {@code check} uses: errors for what
     * does not run live yet, warnings for what runs without one of its properties.
     */
    public static List<Finding> check(Flow flow) {
        List<Finding> out = new ArrayList<>();
        for (Node n : flow.nodes()) {
            switch (n) {
                case Processor p -> out.add(error(p, "processors do not run live yet; run it in the simulator"));
                case Endpoint e -> out.add(error(e, "endpoints do not run live yet; run it in the simulator"));
                case MessageStore m -> out.add(error(m, "message stores do not run live yet; run it in the simulator"));
                case Source s when s.replyQueue() != null ->
                        out.add(error(s, "request/reply does not run live yet; run it in the simulator"));
                case Consumer c when c.replies() ->
                        out.add(error(c, "request/reply does not run live yet; run it in the simulator"));
                case Consumer c when !c.crashes().isEmpty() -> out.add(new Finding(Severity.WARNING, c.id(), null,
                        "consumer '" + c.name() + "': its crash schedule is not applied in a live run",
                        "run it in the simulator to see the crashes"));
                case Consumer c when c.failWhen() != null -> out.add(new Finding(Severity.WARNING, c.id(), null,
                        "consumer '" + c.name() + "': failWhen is not applied in a live run", "use failureRate or failFirstAttempts"));
                case Source s when !s.script().isEmpty() -> out.add(new Finding(Severity.ERROR, s.id(), null,
                        "source '" + s.name() + "' publishes a script, which does not run live yet",
                        "run it in the simulator, or give the source a rate instead of a script"));
                case Source s when s.duplicateRate() > 0 -> out.add(new Finding(Severity.WARNING, s.id(), null,
                        "source '" + s.name() + "': duplicateRate is not applied in a live run", null));
                default -> { }
            }
        }
        return out;
    }

    private static Finding error(Node n, String what) {
        return new Finding(Severity.ERROR, n.id(), null, n.kind().displayName().toLowerCase(java.util.Locale.ROOT) + " '"
                + n.name() + "': " + what, null);
    }

    /**
     * Connects and declares what the RabbitMQ export of {@code flow} writes for the target's virtual host.
     *
     * @throws LiveFailure in one sentence naming the address when the broker is down, refuses the login or a declaration
     */
    public static LiveRun declare(Flow flow, RabbitTarget target) throws LiveFailure {
        Objects.requireNonNull(flow, "flow");
        Topology topology = Topology.of(flow, target.vhost());
        Connection connection = target.connect("pipewright-deploy");
        LiveRun run = new LiveRun(flow, target, connection, topology);
        try {
            topology.declare(connection);
        } catch (IOException | RuntimeException e) {
            run.teardown();
            run.close();
            throw new LiveFailure(target.describe(e, "declaring the topology"), e);
        }
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings && topology.queueNames().contains(n.name())) {
                run.queueNames.put(n.id(), n.name());
            }
        }
        return run;
    }

    /** The export's warnings: what the broker was not given. */
    public List<Finding> warnings() {
        return topology.warnings();
    }

    /**
     * Runs the flow until {@code limit} has passed, or sooner once every source has published its
     * message limit and every queue with a consumer is empty, and returns the report's snapshot.
     *
     * @throws LiveFailure when the broker goes away or refuses a publish or consume
     */
    public Snapshot run(long seed, Duration limit) throws LiveFailure {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "pipewright-live-timer");
            t.setDaemon(true);
            return t;
        });
        List<Thread> publishers = new ArrayList<>();
        List<Channel> publisherChannels = new ArrayList<>();
        Random seeds = new Random(seed);
        try {
            for (Node n : flow.nodes()) {
                if (n instanceof Consumer c) {
                    startConsumer(c, seeds.nextLong(), timer);
                }
            }
            for (Node n : flow.nodes()) {
                if (n instanceof Source s) {
                    Channel ch = connection.createChannel();
                    publisherChannels.add(ch);
                    if (s.confirms()) {
                        ch.confirmSelect();
                    }
                    Thread t = new Thread(new SourcePublisher(s, routes(s), ch, tallies.get(s.id()), seeds.nextLong(), deadline,
                            () -> stopping), "pipewright-live-" + s.id());
                    t.setDaemon(true);
                    publishers.add(t);
                }
            }
            publishers.forEach(Thread::start);
            long quietSince = -1;
            while (System.nanoTime() < deadline) {
                if (!quiet(publishers)) {
                    quietSince = -1;
                } else if (quietSince < 0) {
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince >= QUIET_FOR_NANOS) {
                    break;
                }
                Thread.sleep(POLL_MS);
            }
            stopping = true;
            for (Thread t : publishers) {
                t.join(5_000);
            }
            for (Channel ch : publisherChannels) {
                if (ch.isOpen() && ch.getNextPublishSeqNo() > 0) {
                    ch.waitForConfirms(5_000);
                }
            }
        } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException e) {
            throw new LiveFailure(target.describe(e, "running the flow"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            stopping = true;
            timer.shutdownNow();
            // Closing a consumer's channel returns what it holds unacknowledged to its queue.
            for (Channel ch : consumerChannels) {
                closeQuietly(ch);
            }
            consumerChannels.clear();
            publisherChannels.forEach(LiveRun::closeQuietly);
        }
        return snapshot((System.nanoTime() - start) / 1e9);
    }

    private boolean quiet(List<Thread> publishers) throws IOException {
        for (Thread t : publishers) {
            if (t.isAlive()) {
                return false;
            }
        }
        for (NodeTally t : tallies.values()) {
            if (t.busy.get() > 0) {
                return false;
            }
        }
        for (Node n : flow.nodes()) {
            if (n instanceof Consumer && held(n.id()) > 0) {
                return false;
            }
        }
        for (Edge e : flow.edges()) {
            if (flow.node(e.to()).orElse(null) instanceof Consumer && queueNames.containsKey(e.from())
                    && ready(queueNames.get(e.from())) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Deliveries a consumer got and has not settled yet. */
    private long held(String consumerId) {
        NodeTally t = tallies.get(consumerId);
        return t.delivered.get() - t.acked.get() - t.duplicates.get() - t.failed.get();
    }

    private long ready(String queue) throws IOException {
        try (Channel ch = connection.createChannel()) {
            return ch.queueDeclarePassive(queue).getMessageCount();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
    }

    private void startConsumer(Consumer c, long seed, ScheduledExecutorService timer) throws IOException {
        String queueId = flow.edges().stream().filter(e -> e.to().equals(c.id()) && queueNames.containsKey(e.from()))
                .map(Edge::from).findFirst().orElse(null);
        if (queueId == null) {
            return;
        }
        String queue = queueNames.get(queueId);
        NodeTally me = tallies.get(c.id());
        NodeTally q = tallies.get(queueId);
        boolean autoAck = c.ackMode() == Consumer.AckMode.AUTO;
        for (int i = 0; i < c.instances(); i++) {
            Channel ch = connection.createChannel();
            consumerChannels.add(ch);
            ch.basicQos(c.prefetch());
            Random rng = new Random(seed + i);
            ch.basicConsume(queue, autoAck, "pw-" + c.id() + "-" + i, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                    long now = System.nanoTime();
                    Map<String, Object> headers = props.getHeaders() == null ? Map.of() : props.getHeaders();
                    String id = props.getMessageId() != null ? props.getMessageId() : "tag-" + envelope.getDeliveryTag();
                    Object t0 = headers.get(TIME_HEADER);
                    me.delivered.incrementAndGet();
                    q.delivered.incrementAndGet();
                    if (envelope.isRedeliver()) {
                        q.redelivered.incrementAndGet();
                    } else {
                        q.firstDeliveries.incrementAndGet();
                        if (t0 instanceof Long t) {
                            q.recordWait((now - t) / 1e9);
                        }
                    }
                    requeuedOutstanding.remove(queueId + "\u0000" + id);
                    int attempt = deliveriesById.computeIfAbsent(queueId + "\u0000" + id, k -> new AtomicInteger())
                            .incrementAndGet();
                    double hold;
                    boolean fail;
                    synchronized (rng) {
                        hold = sample(c.processingTime(), rng);
                        fail = (c.failFirstAttempts() != null && attempt <= c.failFirstAttempts())
                                || (c.failureRate() > 0 && rng.nextDouble() < c.failureRate());
                    }
                    me.busy.incrementAndGet();
                    long tag2 = envelope.getDeliveryTag();
                    Runnable finish = () -> finish(ch, c, me, queueId, id, tag2, t0, now, fail, autoAck);
                    if (hold <= 0) {
                        finish.run();
                    } else {
                        timer.schedule(finish, Math.round(hold * 1e9), TimeUnit.NANOSECONDS);
                    }
                }
            });
        }
    }

    private void finish(Channel ch, Consumer c, NodeTally me, String queueId, String id, long tag, Object t0,
                        long started, boolean fail, boolean autoAck) {
        try {
            long now = System.nanoTime();
            me.recordService((now - started) / 1e9);
            if (stopping || !ch.isOpen()) {
                return;
            }
            if (fail) {
                me.failed.incrementAndGet();
                if (autoAck) {
                    me.rejected.incrementAndGet();
                    return;
                }
                switch (c.onFailure()) {
                    case REQUEUE -> {
                        requeuedOutstanding.add(queueId + "\u0000" + id);
                        ch.basicNack(tag, false, true);
                    }
                    case REJECT -> {
                        me.rejected.incrementAndGet();
                        ch.basicReject(tag, false);
                    }
                    case DEAD_LETTER -> {
                        me.deadLetteredByConsumer.incrementAndGet();
                        ch.basicReject(tag, false);
                    }
                }
                return;
            }
            if (!autoAck) {
                ch.basicAck(tag, false);
            }
            if (completedIds.add(queueId + "\u0000" + id)) {
                me.acked.incrementAndGet();
                if (t0 instanceof Long t) {
                    me.recordEndToEnd((now - t) / 1e9);
                }
            } else {
                // Delivered again after it was acknowledged once (a redelivery after a lost ack).
                me.duplicates.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            // The channel closed under us (the run ends or the broker went away); the message
            // goes back to the queue, and the counts say it was not finished.
        } finally {
            me.busy.decrementAndGet();
        }
    }

    static double sample(Distribution d, Random rng) {
        double a = d.mean().toNanos() / 1e9;
        double b = d.spread().toNanos() / 1e9;
        return switch (d.shape()) {
            case CONSTANT -> a;
            case EXPONENTIAL -> a == 0 ? 0 : -a * Math.log(1 - rng.nextDouble());
            case UNIFORM -> a + (b - a) * rng.nextDouble();
            case NORMAL -> Math.max(0, a + b * rng.nextGaussian());
        };
    }

    /** The payload of message {@code seq}: the template with {@code ${seq}} filled in, or {@code size} bytes. */
    static byte[] body(Source s, long seq) {
        if (s.payloadTemplate() != null && !s.payloadTemplate().isEmpty()) {
            String text = s.payloadTemplate().replace("${seq}", Long.toString(seq));
            if (text.length() > MAX_BODY_CHARS) {
                text = text.substring(0, MAX_BODY_CHARS);
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return new byte[s.payloadSize()];
    }

    private Snapshot snapshot(double seconds) throws LiveFailure {
        Map<String, Long> readyAtEnd = new HashMap<>();
        try {
            for (Map.Entry<String, String> q : queueNames.entrySet()) {
                readyAtEnd.put(q.getKey(), ready(q.getValue()));
            }
        } catch (IOException | RuntimeException e) {
            throw new LiveFailure(target.describe(e, "reading the queue depths"), e);
        }
        Map<String, Long> lostByBroker = new HashMap<>();
        for (String key : requeuedOutstanding) {
            lostByBroker.merge(key.substring(0, key.indexOf('\u0000')), 1L, Long::sum);
        }
        Map<String, NodeStats> nodes = new LinkedHashMap<>();
        long produced = 0;
        long completed = 0;
        long deadLettered = 0;
        long dropped = 0;
        long waiting = 0;
        long intoQueues = 0;
        for (Node n : flow.nodes()) {
            NodeTally t = tallies.get(n.id());
            switch (n) {
                case Source s -> {
                    long accepted = s.confirms() ? t.confirmed.get() : t.published.get();
                    produced += accepted;
                    dropped += t.nacked.get();
                    nodes.put(n.id(), stats(n, t.published.get(), t.published.get(), 0, 0, Latency.NONE, Latency.NONE, 0, 0,
                            0, 0, 0, 0, 0, false, Latency.NONE, t.confirmed.get(), t.nacked.get()));
                }
                case QueueSettings qs when queueNames.containsKey(n.id()) -> {
                    long ready = readyAtEnd.getOrDefault(n.id(), 0L);
                    // A message requeued and not delivered again either waits here or was taken by
                    // the broker's delivery limit (dead-lettered, or dropped without a target).
                    long lost = Math.max(0, lostByBroker.getOrDefault(n.id(), 0L) - ready);
                    // A message the broker took after a requeue was counted at its first delivery already.
                    long in = t.firstDeliveries.get() + Math.max(0, ready - lostByBroker.getOrDefault(n.id(), 0L));
                    boolean dlq = n instanceof DeadLetterQueue;
                    if (!dlq && fedDirectly(n.id())) {
                        intoQueues += in;
                    }
                    long consumerDl = deadLetteredByConsumers(n.id());
                    boolean hasTarget = deadLetterTarget(n.id());
                    if (dlq) {
                        deadLettered += ready;
                    } else {
                        waiting += ready;
                        if (!hasTarget) {
                            dropped += lost + consumerDl;
                        }
                    }
                    nodes.put(n.id(), stats(n, in, t.delivered.get(), ready, 0, t.waitTime(), Latency.NONE, 0,
                            t.redelivered.get(), hasTarget ? lost + consumerDl : 0, 0, 0, 0, 0, true, t.waitTime(), 0, 0));
                }
                case Consumer c -> {
                    boolean fromDlq = flow.edges().stream().anyMatch(e -> e.to().equals(c.id())
                            && flow.node(e.from()).orElse(null) instanceof DeadLetterQueue);
                    if (fromDlq) {
                        deadLettered += t.acked.get();
                    } else {
                        completed += t.acked.get();
                    }
                    dropped += t.rejected.get();
                    nodes.put(n.id(), stats(n, t.delivered.get(), t.acked.get(), 0, 0, t.service(), t.endToEnd(),
                            t.acked.get(), 0, 0, t.duplicates.get(), t.failed.get(), 0, c.instances(), true, Latency.NONE,
                            0, 0));
                }
                default -> nodes.put(n.id(), stats(n, 0, 0, 0, 0, Latency.NONE, Latency.NONE, 0, 0, 0, 0, 0, 0, 0, true,
                        Latency.NONE, 0, 0));
            }
        }
        // A topic gives every binding its own copy: the copies beyond the one published are produced there.
        long fromSources = flow.nodes().stream().filter(n -> n instanceof Source s && !s.confirms())
                .mapToLong(n -> tallies.get(n.id()).published.get()).sum()
                + flow.nodes().stream().filter(n -> n instanceof Source s && s.confirms())
                .mapToLong(n -> tallies.get(n.id()).confirmed.get()).sum();
        if (intoQueues > fromSources) {
            produced += intoQueues - fromSources;
        } else {
            dropped += fromSources - intoQueues;
        }
        Conservation law = new Conservation(produced, completed, deadLettered, 0, dropped, 0, waiting, 0);
        return new Snapshot(seconds, 0, seconds, nodes, Map.of(), law);
    }

    private boolean fedDirectly(String queueId) {
        return flow.edges().stream().anyMatch(e -> e.to().equals(queueId) && e.fromPort() == Port.OUT
                && flow.node(e.from()).orElse(null) instanceof Source || e.to().equals(queueId)
                && flow.node(e.from()).orElse(null) instanceof Topic);
    }

    private boolean deadLetterTarget(String queueId) {
        return flow.edges().stream().anyMatch(e -> e.from().equals(queueId) && e.fromPort() == Port.DEAD_LETTER
                && queueNames.containsKey(e.to()));
    }

    private long deadLetteredByConsumers(String queueId) {
        return flow.edges().stream().filter(e -> e.from().equals(queueId))
                .map(e -> flow.node(e.to()).orElse(null)).filter(n -> n instanceof Consumer)
                .mapToLong(n -> tallies.get(n.id()).deadLetteredByConsumer.get()).sum();
    }

    private static NodeStats stats(Node n, long in, long out, long ready, long unacked, Latency inNode, Latency e2e,
                                   long completed, long redelivered, long deadLettered, long duplicates, long failed,
                                   int busy, int idle, boolean up, Latency waitToStart, long confirmed, long nacked) {
        return new NodeStats(n.id(), n.kind(), in, out, ready, unacked, 0, 0, 0, 0, ready, inNode, e2e, completed,
                redelivered, deadLettered, 0, 0, 0, duplicates, failed, busy, idle, 0, 0, up, 0, 0, 0, List.of(),
                waitToStart, confirmed, nacked);
    }

    /** Deletes every exchange and queue {@link #declare} declared, best effort. */
    public void teardown() {
        topology.teardown(connection);
    }

    /** Closes the connection. */
    @Override
    public void close() {
        try {
            if (connection.isOpen()) {
                connection.close(5_000);
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

    /** Where a source's edges publish: the default exchange with a queue's name, or a topic's exchange. */
    private List<SourcePublisher.Route> routes(Source s) {
        List<SourcePublisher.Route> out = new ArrayList<>();
        for (Edge e : flow.edges()) {
            if (!e.from().equals(s.id())) {
                continue;
            }
            Node to = flow.node(e.to()).orElse(null);
            if (queueNames.containsKey(e.to())) {
                out.add(new SourcePublisher.Route("", queueNames.get(e.to()), e.headers()));
            } else if (to instanceof Topic t) {
                out.add(new SourcePublisher.Route(t.name(), e.key(), e.headers()));
            }
        }
        return out;
    }
}
