// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.brokers.live.ClientInstances;
import dev.pipewright.brokers.live.LiveEvents;
import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.brokers.live.LiveLedger;
import dev.pipewright.brokers.live.LiveMessages;
import dev.pipewright.brokers.live.LivePayload;
import dev.pipewright.brokers.live.LiveSession;
import dev.pipewright.brokers.live.Modelled;
import dev.pipewright.brokers.live.NodeTally;
import dev.pipewright.brokers.live.RunParts;
import dev.pipewright.brokers.live.SourcePacing;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.nats.NatsStreams;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;

/**
 * A flow run on NATS JetStream through jnats, counted by a {@link LiveLedger} into the same report
 * as a simulated run.
 *
 * <p>Each queue is the stream the NATS export makes of it ({@link NatsStreams}) and each consumer
 * node its durable pull consumer, with the export's {@code ack_wait}, {@code max_deliver} and
 * {@code max_ack_pending}; stream names are put under {@code pw-RUN-} and subjects under
 * {@code pw.RUN.}, RUN new for each run. Sources publish to their queues' subjects at their rate
 * or by their script, each message with its id as {@code Nats-Msg-Id} (the stream's duplicate
 * window), its id and publish time in headers. Each consumer instance fetches one message at a
 * time, holds it for the processing time, then acks it, or on a modelled failure naks it (after
 * the queue's redelivery delay, when it has one) until {@code max_deliver}, after which the server
 * delivers it no more; a failure with onFailure reject terminates it. A queue's depth is its
 * consumer's pending and unacknowledged messages.
 *
 * <p>Run by hand ({@link NatsBackend}): rates, floods, pausing a consumer (its instances fetch
 * nothing more, finishing what they hold), its number of instances (pull subscriptions on the
 * same durable) and crashing one instance (it acks nothing more, so the server delivers what it
 * held again when {@code ack_wait} ends) work; endpoints do not run on NATS.
 */
public final class NatsLiveRun implements LiveSession {
    private static final long POLL_MS = 50;
    private static final long JOIN_MS = 10_000;
    /** The header carrying a message's ledger id. */
    static final String ID_HEADER = "pw-id";
    /** The header carrying a message's publish time ({@link System#nanoTime()}). */
    static final String T0_HEADER = "pw-t0";

    /** One queue's stream and the durable consumer a consumer node reads it with. */
    private record Stream(String queueId, String name, String subject, StreamConfiguration config) {
    }

    private record Reader(String streamName, ConsumerConfiguration config) {
    }

    private final Flow flow;
    private final NatsTarget target;
    private final Exported exported;
    private final LiveLedger ledger;
    private final String runId;
    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private final Map<String, Reader> readers = new LinkedHashMap<>();
    private final Connection connection;
    private final List<String> created = new ArrayList<>();
    private volatile boolean stopping;
    private volatile Exception failure;
    // A run by hand (begin ... end): the run is held, which consumers are paused, the sources' controls.
    private volatile boolean held;
    private final java.util.Set<String> pausedConsumers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, SourcePacing.Control> controls = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Thread> sessionThreads = new ArrayList<>();
    private ClientInstances<NatsConsumerInstance> consumers;

    private NatsLiveRun(Flow flow, NatsTarget target, Connection connection) {
        this.flow = flow;
        this.target = target;
        this.connection = connection;
        this.exported = NatsStreams.write(flow);
        this.ledger = new LiveLedger(flow);
        this.runId = UUID.randomUUID().toString().substring(0, 8);
        try {
            read(new ObjectMapper().readTree(exported.text()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the NATS export", e);
        }
    }

    /** Takes the export's streams and consumers, renamed under the run's prefix. */
    private void read(JsonNode doc) throws io.nats.client.support.JsonParseException {
        List<QueueSettings> queues = flow.nodes().stream().filter(QueueSettings.class::isInstance)
                .map(QueueSettings.class::cast).toList();
        int i = 0;
        for (JsonNode s : doc.get("streams")) {
            // The export writes one stream per queue, in the flow's order.
            QueueSettings q = queues.get(i++);
            String name = "pw-" + runId + "-" + s.get("name").asText();
            String subject = "pw." + runId + "." + s.get("subjects").get(0).asText();
            StreamConfiguration config = StreamConfiguration.builder(StreamConfiguration.instance(s.toString()))
                    .name(name).subjects(subject).build();
            streams.put(q.id(), new Stream(q.id(), name, subject, config));
            ledger.nameQueue(q.id(), name);
        }
        // The export writes one consumer per wire from a queue to a consumer node, in the flow's wire order.
        List<Edge> reads = flow.edges().stream().filter(e -> e.fromPort() == Port.OUT
                && flow.node(e.from()).orElse(null) instanceof QueueSettings
                && flow.node(e.to()).orElse(null) instanceof Consumer).toList();
        int k = 0;
        for (JsonNode c : doc.get("consumers")) {
            Edge e = reads.get(k++);
            // Its filter, if the export gave one, is the subject under the run's prefix.
            ConsumerConfiguration exportedConfig = ConsumerConfiguration.builder().json(c.get("config").toString()).build();
            ConsumerConfiguration config = exportedConfig.getFilterSubject() == null ? exportedConfig
                    : ConsumerConfiguration.builder(exportedConfig).filterSubject(streams.get(e.from()).subject()).build();
            readers.putIfAbsent(e.to(), new Reader(streams.get(e.from()).name(), config));
        }
    }

    /** What does not run on NATS JetStream ({@link NatsLiveChecks}). */
    public static List<Finding> check(Flow flow) {
        return NatsLiveChecks.of(flow);
    }

    /**
     * Connects, and creates the run's streams and durable consumers.
     *
     * @throws LiveFailure in one sentence naming the address when the server is not there or refuses a stream
     */
    public static NatsLiveRun declare(Flow flow, NatsTarget target) throws LiveFailure {
        Objects.requireNonNull(flow, "flow");
        Connection nc = target.connect();
        NatsLiveRun run = new NatsLiveRun(flow, target, nc);
        try {
            JetStreamManagement jsm = nc.jetStreamManagement();
            for (Stream s : run.streams.values()) {
                jsm.addStream(s.config());
                run.created.add(s.name());
            }
            for (Reader r : run.readers.values()) {
                jsm.addOrUpdateConsumer(r.streamName(), r.config());
            }
        } catch (java.io.IOException | io.nats.client.JetStreamApiException | RuntimeException e) {
            run.teardown();
            run.close();
            throw new LiveFailure(target.describe(e, "creating the streams"), e);
        }
        return run;
    }

    /** The stream names of this run, which {@link #teardown} removes. */
    public List<String> streamNames() {
        return streams.values().stream().map(Stream::name).toList();
    }

    @Override
    public List<Finding> warnings() {
        return exported.warnings();
    }

    @Override
    public void setEvents(LiveEvents listener) {
        ledger.setEvents(listener);
    }

    @Override
    public Snapshot run(long seed, Duration limit) throws LiveFailure {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        Random seeds = new Random(seed);
        stopping = false;
        failure = null;
        List<Thread> consumers = new ArrayList<>();
        List<Thread> publishers = new ArrayList<>();
        try {
            JetStream js = connection.jetStream();
            for (Node n : flow.nodes()) {
                if (n instanceof Consumer c && readers.containsKey(c.id())) {
                    long consumerSeed = seeds.nextLong();
                    for (int i = 0; i < c.instances(); i++) {
                        Reader r = readers.get(c.id());
                        String queueId = ledger.queueOf(c);
                        JetStreamSubscription sub = js.subscribe(null, // bound to the durable: its own filter
                                PullSubscribeOptions.bind(r.streamName(), r.config().getDurable()));
                        Random rng = new Random(consumerSeed + i);
                        Thread t = new Thread(() -> consume(c, queueId, sub, rng), "pipewright-nats-" + c.id() + "-" + i);
                        t.setDaemon(true);
                        consumers.add(t);
                    }
                }
            }
            consumers.forEach(Thread::start);
            for (Node n : flow.nodes()) {
                if (n instanceof Source s) {
                    long sourceSeed = seeds.nextLong();
                    LivePayload payloads = new LivePayload(s, seed);
                    Thread t = new Thread(() -> publish(s, js, sourceSeed, payloads, deadline, null), "pipewright-nats-" + s.id());
                    t.setDaemon(true);
                    publishers.add(t);
                }
            }
            RunParts.playUntilQuiet(publishers, deadline, ledger, this::depth, () -> {
                if (failure != null) {
                    throw new IllegalStateException("the run failed", failure);
                }
            }, () -> stopping = true, POLL_MS, JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = failure == null ? e : failure;
        } finally {
            stopping = true;
            for (Thread t : consumers) {
                try {
                    t.join(JOIN_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (failure != null) {
            throw new LiveFailure(target.describe(failure, "running the flow"), failure);
        }
        try {
            return ledger.snapshot((System.nanoTime() - start) / 1e9, this::depth);
        } catch (Exception e) {
            throw new LiveFailure(target.describe(e, "counting the run"), e);
        }
    }

    /** A stream's depth: its consumer's messages not yet delivered and delivered but not acked (held by a client). */
    private long depth(String streamName) throws Exception {
        JetStreamManagement jsm = connection.jetStreamManagement();
        Reader r = readers.values().stream().filter(x -> x.streamName().equals(streamName)).findFirst().orElse(null);
        if (r == null) {
            return jsm.getStreamInfo(streamName).getStreamState().getMsgCount();
        }
        ConsumerInfo info = jsm.getConsumerInfo(streamName, r.config().getDurable());
        return info.getNumPending() + info.getNumAckPending();
    }

    /**
     * Publishes the source's messages, paced as the simulator's, to each queue it is wired to; at
     * {@code control}'s rate when one is given (a run by hand, whose rate may rise from zero).
     */
    private void publish(Source s, JetStream js, long seed, LivePayload payloads, long deadline,
                         SourcePacing.Control control) {
        NodeTally tally = ledger.tally(s.id());
        List<Edge> routes = flow.outgoing(s.id(), Port.OUT);
        try {
            if (routes.isEmpty() || (control == null && !(s.rate() > 0) && s.script().isEmpty())) {
                return;
            }
            SourcePacing.run(s, control, new Random(seed), deadline, () -> stopping, seq -> {
                byte[] body = payloads.body(payloads.text(seq));
                for (Edge r : routes) {
                    String id = s.id() + "-" + seq;
                    Headers h = new Headers().put(ID_HEADER, id).put(T0_HEADER, Long.toString(System.nanoTime()))
                            .put("Nats-Msg-Id", runId + "-" + id + "-" + r.to());
                    js.publish(NatsMessage.builder().subject(streams.get(r.to()).subject()).headers(h).data(body).build());
                    tally.published.incrementAndGet();
                    if (s.confirms()) {
                        tally.confirmed.incrementAndGet(); // the stream's PubAck came: js.publish waits for it
                    }
                }
            });
        } catch (Exception e) {
            if (!stopping) {
                failure = failure == null ? e : failure;
            }
        }
    }

    /** One consumer instance: fetches one message at a time until the run stops. */
    private void consume(Consumer c, String queueId, JetStreamSubscription sub, Random rng) {
        try {
            while (!stopping) {
                for (Message m : sub.fetch(1, Duration.ofMillis(POLL_MS))) {
                    handle(c, queueId, m, rng, () -> false);
                }
            }
        } catch (Exception e) {
            if (!stopping) {
                failure = failure == null ? e : failure;
            }
        } finally {
            try {
                sub.unsubscribe();
            } catch (RuntimeException e) {
                // The connection is going; the durable consumer keeps what was not acked.
            }
        }
    }

    /** Handles one delivery; {@code crashed}: the instance crashed while it held it (a run by hand), so it settles nothing. */
    private void handle(Consumer c, String queueId, Message m, Random rng, java.util.function.BooleanSupplier crashed)
            throws InterruptedException {
        NodeTally me = ledger.tally(c.id());
        Headers h = m.getHeaders();
        String id = h == null || h.getFirst(ID_HEADER) == null ? "nats-" + m.metaData().streamSequence() : h.getFirst(ID_HEADER);
        Long t0 = null;
        try {
            t0 = h == null || h.getFirst(T0_HEADER) == null ? null : Long.parseLong(h.getFirst(T0_HEADER));
        } catch (NumberFormatException e) {
            t0 = null; // not one of ours
        }
        long now = System.nanoTime();
        int attempt = ledger.delivered(queueId, c.id(), id, t0, now);
        boolean auto = c.ackMode() == Consumer.AckMode.AUTO;
        me.busy.incrementAndGet();
        boolean fail;
        try {
            double hold = Modelled.seconds(c.processingTime(), rng);
            fail = Modelled.fails(c, attempt, rng, name -> h == null ? null : h.getFirst(name),
                    () -> new String(m.getData(), StandardCharsets.UTF_8));
            long until = now + Math.round(hold * 1e9);
            long wait;
            while ((wait = until - System.nanoTime()) > 0 && !stopping && !crashed.getAsBoolean()) {
                Thread.sleep(Math.max(1, Math.min(wait / 1_000_000, POLL_MS)));
            }
        } finally {
            me.busy.decrementAndGet();
        }
        long done = System.nanoTime();
        ledger.processed(c.id(), now, done);
        if (crashed.getAsBoolean()) {
            // Not acked: the server delivers it again when ack_wait ends (with no ack policy it forgot it).
            ledger.abandoned(c.id(), queueId, id, attempt);
            return;
        }
        if (stopping && !auto) {
            // Cut short by the run's end: not acked, the server delivers it again after ack_wait.
            me.returned.incrementAndGet();
            ledger.requeued(queueId, id);
            return;
        }
        if (!fail) {
            if (!auto) {
                m.ack();
            }
            ledger.acknowledged(c.id(), queueId, id, t0, done);
            return;
        }
        me.failed.incrementAndGet();
        QueueSettings q = (QueueSettings) flow.node(queueId).orElseThrow();
        long maxDeliver = readers.get(c.id()).config().getMaxDeliver();
        if (!auto && c.onFailure() == Consumer.FailureAction.REQUEUE && (maxDeliver < 0 || attempt < maxDeliver)) {
            Duration delay = nakDelay(q, attempt);
            if (delay.isZero()) {
                m.nak();
            } else {
                m.nakWithDelay(delay);
            }
            ledger.requeued(queueId, id);
            return;
        }
        if (auto) {
            // No ack policy: the server forgot it when it sent it.
            me.rejected.incrementAndGet();
            ledger.settled(queueId, id);
            return;
        }
        // Rejected, or at max_deliver: the server delivers it no more (term ends it now, as the last nak
        // would). Counted as the other brokers' delivery limit is: put back, then taken by the broker.
        m.term();
        ledger.requeued(queueId, id);
    }

    /** A nak's delay after delivery {@code attempt}: the queue's redelivery delay grown by its multiplier, up to its maximum. */
    static Duration nakDelay(QueueSettings q, int attempt) {
        if (q.redeliveryDelay() == null || q.redeliveryDelay().isZero()) {
            return Duration.ZERO;
        }
        double seconds = q.redeliveryDelay().toNanos() / 1e9 * Math.pow(q.redeliveryMultiplier(), Math.max(0, attempt - 1));
        if (q.maxRedeliveryDelay() != null && !q.maxRedeliveryDelay().isZero()) {
            seconds = Math.min(seconds, q.maxRedeliveryDelay().toNanos() / 1e9);
        }
        return Duration.ofNanos(Math.round(Math.min(seconds, 86_400) * 1e9));
    }

    @Override
    public void begin(long seed) throws LiveFailure {
        stopping = false;
        failure = null;
        held = true;
        JetStream js;
        try {
            js = connection.jetStream();
        } catch (java.io.IOException | RuntimeException e) {
            throw new LiveFailure(target.describe(e, "opening JetStream"), e);
        }
        consumers = new ClientInstances<>(flow, (c, i, consumerSeed) -> {
            Reader r = readers.get(c.id());
            String queueId = ledger.queueOf(c);
            return new NatsConsumerInstance("pipewright-nats-" + c.id() + "-" + i, js, r.streamName(),
                    r.config().getDurable(), (m, rng, crashed) -> handle(c, queueId, m, rng, crashed), consumerSeed + i,
                    () -> stopping, () -> held || pausedConsumers.contains(c.id()), e -> failure = failure == null ? e : failure);
        }, () -> stopping);
        ClientInstances<NatsConsumerInstance> counted = consumers;
        ledger.countInstances(id -> counted.count(id, pausedConsumers.contains(id)));
        Random seeds = new Random(seed);
        for (Node n : flow.nodes()) {
            if (n instanceof Consumer c && readers.containsKey(c.id())) {
                consumers.start(c, seeds.nextLong());
            }
        }
        RunParts.<Runnable>startHeldSources(flow, seeds, "pipewright-nats-", controls, new ArrayList<>(), sessionThreads,
                (s, sourceSeed, control) -> () -> publish(s, js, sourceSeed, new LivePayload(s, seed), Long.MAX_VALUE,
                        control));
    }

    @Override
    public void hold(boolean hold) {
        held = hold;
        controls.values().forEach(c -> c.hold(hold));
    }

    @Override
    public void inject(Fault fault) {
        if (consumers == null) {
            throw new IllegalStateException("the run on NATS at " + target + " has not begun");
        }
        consumers.inject(fault, controls, pausedConsumers);
    }

    @Override
    public Snapshot liveSnapshot(double seconds) throws LiveFailure {
        try {
            return ledger.liveSnapshot(seconds, this::depth);
        } catch (Exception e) {
            throw new LiveFailure(target.describe(e, "reading the stream depths"), e);
        }
    }

    /** What a source's publish or a consumer's fetch or ack met, in one sentence naming the server; or null. */
    @Override
    public Exception failure() {
        Exception e = failure;
        return e == null ? null : new LiveFailure(target.describe(e, "running the flow"), e);
    }

    @Override
    public void end() {
        stopping = true;
        controls.values().forEach(c -> c.hold(false));
        for (Thread t : sessionThreads) {
            try {
                t.join(JOIN_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sessionThreads.clear();
        controls.clear();
        if (consumers != null) {
            consumers.joinAll();
        }
    }

    @Override
    public void teardown() {
        try {
            JetStreamManagement jsm = connection.jetStreamManagement();
            for (String name : created) {
                jsm.deleteStream(name);
            }
        } catch (java.io.IOException | io.nats.client.JetStreamApiException | RuntimeException e) {
            // Best effort: the server went away; the run's prefix keeps other runs from seeing them.
        }
        created.clear();
    }

    @Override
    public void close() {
        stopping = true;
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
