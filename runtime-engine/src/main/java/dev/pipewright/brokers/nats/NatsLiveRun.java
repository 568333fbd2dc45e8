// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

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
import dev.pipewright.brokers.live.SessionControls;
import dev.pipewright.brokers.live.SourcePacing;
import dev.pipewright.brokers.nats.NatsTopology.Reader;
import dev.pipewright.brokers.nats.NatsTopology.Stream;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.NatsLimits;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.nats.NatsStreams;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * {@code pw.RUN.}, RUN new for each run. A topic is a stream of its own that its bound queues'
 * streams source through their subject filters ({@link NatsTopology}). Sources publish to their
 * queues' or topics' subjects at their rate or by their script, each message with its own headers
 * as far as NATS carries them ({@link NatsHeaders}), its id and publish time in headers, and as
 * {@code Nats-Msg-Id} its own {@code Nats-Msg-Id} header, else a run-unique id: a repeat within the
 * stream's duplicate window is acknowledged as a duplicate and not stored, filtered at the queue. Each
 * consumer instance holds up to its prefetch ({@link NatsPrefetch}), works on one at a time for
 * the processing time, then acks it, or on a modelled failure naks it (after the queue's
 * redelivery delay, when it has one) until {@code max_deliver}, after which the server delivers
 * it no more, or, with a dead-letter wire, advises it, and {@link NatsDeadLetters} moves it; a
 * failure with onFailure reject terminates it. A queue's depth is its consumer's pending and
 * unacknowledged messages, and what is still on its way into it or out along its dead-letter wire.
 *
 * <p>Run by hand ({@link NatsBackend}), the instances hold their prefetch as on the command line
 * ({@link NatsConsumerInstance}): rates, floods, pausing a consumer (its instances ask for nothing
 * more, finishing what they held at the pause), its number of instances (pull subscriptions on the same
 * durable; one removed finishes its message and gives back the rest) and crashing one instance
 * (it acks nothing more, so the server delivers what it held again when {@code ack_wait} ends)
 * work; endpoints do not run on NATS.
 */
public final class NatsLiveRun implements LiveSession {
    private static final long POLL_MS = 50;
    private static final long JOIN_MS = 10_000;
    /** The header carrying a message's ledger id. */
    static final String ID_HEADER = "pw-id";
    /** The header carrying a message's publish time ({@link System#nanoTime()}). */
    static final String T0_HEADER = "pw-t0";

    private final Flow flow;
    private final NatsTarget target;
    private final Exported exported;
    private final LiveLedger ledger;
    private final String runId;
    private final NatsTopology topology;
    private final Map<String, Stream> streams;
    private final Map<String, Reader> readers;
    private final NatsDeadLetters deadLetters;
    private final Connection connection;
    private final List<String> created = new ArrayList<>();
    private volatile boolean stopping;
    private volatile Exception failure;
    /** A run by hand (begin ... end): held or played, its paused consumers, its sources. */
    private final SessionControls session = new SessionControls();
    private ClientInstances<NatsConsumerInstance> consumers;

    private NatsLiveRun(Flow flow, NatsTarget target, Connection connection) {
        this.flow = flow;
        this.target = target;
        this.connection = connection;
        this.exported = NatsStreams.write(flow);
        this.ledger = new LiveLedger(flow);
        this.runId = UUID.randomUUID().toString().substring(0, 8);
        try {
            this.topology = NatsTopology.of(flow, new ObjectMapper().readTree(exported.text()), runId);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the NATS export", e);
        }
        this.streams = topology.streams;
        this.readers = topology.readers;
        streams.values().forEach(s -> ledger.nameQueue(s.queueId(), s.name()));
        this.deadLetters = new NatsDeadLetters(flow, topology, connection, runId, e -> {
            if (!stopping) {
                failure = failure == null ? e : failure;
            }
        });
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
            for (StreamConfiguration s : run.topology.creationOrder()) {
                jsm.addStream(s);
                run.created.add(s.getName());
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

    /** The stream names of this run (queues' and topics'), which {@link #teardown} removes. */
    public List<String> streamNames() {
        return topology.creationOrder().stream().map(StreamConfiguration::getName).toList();
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
        List<NatsConsumerInstance> consumers = new ArrayList<>();
        try {
            JetStream js = connection.jetStream();
            deadLetters.start();
            RunParts.startConsumers(flow, seeds, (c, consumerSeed) -> {
                if (readers.containsKey(c.id())) {
                    for (int i = 0; i < c.instances(); i++) {
                        consumers.add(instance(js, c, i, consumerSeed, () -> false));
                    }
                }
            });
            consumers.forEach(NatsConsumerInstance::start);
            List<Thread> publishers = RunParts.<Runnable>sourceThreads(flow, seeds, "pipewright-nats-", new ArrayList<>(),
                    (s, sourceSeed) -> {
                        LivePayload payloads = new LivePayload(s, seed);
                        return () -> publish(s, js, sourceSeed, payloads, deadline, null);
                    });
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
            for (NatsConsumerInstance c : consumers) {
                try {
                    c.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            deadLetters.close();
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

    /**
     * A stream's depth: its consumer's messages not yet delivered and delivered but not acked (held by
     * a client), and what a topic's stream holds for it that it has not sourced yet.
     */
    private long depth(String streamName) throws Exception {
        JetStreamManagement jsm = connection.jetStreamManagement();
        Stream stream = streams.values().stream().filter(s -> s.name().equals(streamName)).findFirst().orElse(null);
        boolean sourced = stream != null && stream.sourced();
        // Given up at max_deliver and not yet moved along the dead-letter wire: still in this stream.
        long behind = stream == null ? 0 : deadLetters.onTheirWay(stream.queueId());
        if (sourced) {
            for (io.nats.client.api.SourceInfo si : jsm.getStreamInfo(streamName).getSourceInfos()) {
                behind += Math.max(0, si.getLag());
            }
        }
        Reader r = readers.values().stream().filter(x -> x.streamName().equals(streamName)).findFirst().orElse(null);
        if (r == null) {
            return jsm.getStreamInfo(streamName).getStreamState().getMsgCount() + behind;
        }
        ConsumerInfo info = jsm.getConsumerInfo(streamName, r.config().getDurable());
        return info.getNumPending() + info.getNumAckPending() + behind;
    }

    /**
     * Publishes the source's messages, paced as the simulator's, to each queue it is wired to; at
     * {@code control}'s rate when one is given (a run by hand, whose rate may rise from zero).
     */
    private void publish(Source s, JetStream js, long seed, LivePayload payloads, long deadline,
                         SourcePacing.Control control) {
        NodeTally tally = ledger.tally(s.id());
        List<Edge> routes = flow.outgoing(s.id(), Port.OUT);
        LiveMessages messages = new LiveMessages(s);
        // A source publishing by its rate sends its own headers every time: worked out once.
        Map<String, String> sourceHeaders = NatsHeaders.carried(s.headers());
        try {
            if (routes.isEmpty() || (control == null && !(s.rate() > 0) && s.script().isEmpty())) {
                return;
            }
            SourcePacing.run(s, control, new Random(seed), deadline, () -> stopping, seq -> {
                byte[] body = payloads.body(payloads.text(seq));
                Map<String, String> own = messages.entry(seq) == null ? sourceHeaders
                        : NatsHeaders.carried(messages.headers(seq));
                for (Edge r : routes) {
                    String id = s.id() + "-" + seq;
                    Headers h = NatsHeaders.of(own, runId + "-" + id + "-" + r.to(), id, System.nanoTime());
                    // A topic's subject space takes the message's routing key below the topic's subject.
                    NatsTopology.TopicStream topic = null;
                    String subject = streams.containsKey(r.to()) ? streams.get(r.to()).subject() : null;
                    if (flow.node(r.to()).orElse(null) instanceof Topic t) {
                        topic = topology.topics.get(t.id());
                        subject = topic.subjectFor(t, messages.routingKey(r.key(), seq));
                    }
                    PublishAck ack = js.publish(NatsMessage.builder().subject(subject).headers(h).data(body).build());
                    if (topic != null) {
                        // The server copies it to the streams whose filters match; one no filter matches stays
                        // in the topic's stream only, dropped. Counted by those same filters.
                        NodeTally tt = ledger.tally(topic.topicId());
                        int copies = topic.copies(subject);
                        tt.delivered.incrementAndGet();
                        tt.published.addAndGet(copies);
                        if (copies == 0) {
                            tt.dropped.incrementAndGet();
                        } else if (ack.isDuplicate()) {
                            // The topic's stream kept the first one only, so no copy was made: each queue the
                            // copy would have reached filters it, as the simulator's queues do.
                            topic.reached(subject).forEach(ledger::duplicatePublished);
                        }
                    } else if (ack.isDuplicate()) {
                        // Within the stream's duplicate window of a Nats-Msg-Id it stored: acknowledged, not stored.
                        ledger.duplicatePublished(r.to());
                    }
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

    /**
     * Instance {@code i} of consumer {@code c}, not yet started, holding up to its prefetch as the
     * NATS profile gives it (an auto-ack instance holds nothing unacknowledged, as the server
     * forgets what it sends, so it takes one at a time); {@code held}: whether it takes nothing new now.
     */
    private NatsConsumerInstance instance(JetStream js, Consumer c, int i, long consumerSeed,
                                          java.util.function.BooleanSupplier held) {
        Reader r = readers.get(c.id());
        String queueId = ledger.queueOf(c);
        int prefetch = c.ackMode() == Consumer.AckMode.AUTO ? 1 : NatsLimits.instancePrefetch(c.prefetch(), c.instances());
        return new NatsConsumerInstance("pipewright-nats-" + c.id() + "-" + i, js, r.streamName(),
                r.config().getDurable(), prefetch, (m, rng, crashed) -> handle(c, queueId, m, rng, crashed),
                consumerSeed + i, () -> stopping, held, e -> failure = failure == null ? e : failure);
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
        boolean requeue = c.onFailure() == Consumer.FailureAction.REQUEUE;
        if (!auto && requeue && (maxDeliver < 0 || attempt < maxDeliver)) {
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
        if (requeue && deadLetters.serves(queueId)) {
            // At max_deliver with a dead-letter wire: the last nak makes the server publish the max-deliveries
            // advisory, whose listener moves the message to the dead-letter queue (NatsDeadLetters).
            deadLetters.givenUp(queueId);
            m.nak();
            ledger.requeued(queueId, id);
            return;
        }
        String deadLetterSubject = deadLetters.targetOf(queueId);
        if (c.onFailure() == Consumer.FailureAction.DEAD_LETTER && deadLetterSubject != null) {
            // JetStream has no reject to a dead-letter queue: the consumer publishes it there, then acks it away.
            publishDeadLetter(m, deadLetterSubject, id);
            m.ack();
            me.deadLetteredByConsumer.incrementAndGet();
            ledger.settled(queueId, id);
            return;
        }
        // Rejected, or at max_deliver: the server delivers it no more (term ends it now, as the last nak
        // would). Counted as the other brokers' delivery limit is: put back, then taken by the broker.
        m.term();
        ledger.requeued(queueId, id);
    }

    private void publishDeadLetter(Message m, String subject, String id) throws InterruptedException {
        Headers h = new Headers();
        if (m.getHeaders() != null) {
            for (String key : m.getHeaders().keySet()) {
                if (!key.equals("Nats-Msg-Id") && !key.equals("Nats-Stream-Source")) {
                    h.put(key, m.getHeaders().get(key));
                }
            }
        }
        h.put("Nats-Msg-Id", runId + "-dead-" + id + "-" + m.metaData().streamSequence());
        h.put(NatsDeadLetters.REASON_HEADER, "rejected");
        h.put(NatsDeadLetters.FROM_HEADER, m.metaData().getStream());
        try {
            connection.jetStream().publish(NatsMessage.builder().subject(subject).headers(h).data(m.getData()).build());
        } catch (java.io.IOException | io.nats.client.JetStreamApiException e) {
            throw new IllegalStateException("publishing to the dead-letter queue's stream on " + subject + " failed", e);
        }
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
        JetStream js;
        try {
            js = connection.jetStream();
            deadLetters.start();
        } catch (java.io.IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            throw new LiveFailure(target.describe(e, "opening JetStream"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveFailure("interrupted while opening JetStream on NATS at " + target, e);
        }
        ClientInstances<NatsConsumerInstance> started = new ClientInstances<>(flow, (c, i, consumerSeed) ->
                instance(js, c, i, consumerSeed, () -> session.holds(c.id())), () -> stopping);
        consumers = started;
        session.begin(ledger, started);
        Random seeds = new Random(seed);
        RunParts.startConsumers(flow, seeds, (c, consumerSeed) -> {
            if (readers.containsKey(c.id())) {
                started.start(c, consumerSeed);
            }
        });
        session.<Runnable>startSources(flow, seeds, "pipewright-nats-", new ArrayList<>(),
                (s, sourceSeed, control) -> () -> publish(s, js, sourceSeed, new LivePayload(s, seed), Long.MAX_VALUE,
                        control));
    }

    @Override
    public void hold(boolean hold) {
        session.hold(hold);
    }

    @Override
    public void inject(Fault fault) {
        if (consumers == null) {
            throw new IllegalStateException("the run on NATS at " + target + " has not begun");
        }
        session.inject(fault, consumers);
    }

    @Override
    public Snapshot liveSnapshot(double seconds) throws LiveFailure {
        try {
            // The durable's ack-pending counts what the instances work on; in hand is the consumer's, in
            // flight, as in the simulator (what waits in an instance's prefetch is still counted ready).
            return ledger.liveSnapshot(seconds, name -> Math.max(0, depth(name) - ledger.inHandAt(name)));
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
        session.endSources(JOIN_MS);
        if (consumers != null) {
            consumers.joinAll();
        }
        deadLetters.close();
    }

    @Override
    public void teardown() {
        JetStreamManagement jsm;
        try {
            jsm = connection.jetStreamManagement();
        } catch (java.io.IOException | RuntimeException e) {
            created.clear();
            return; // the server went away; the run's prefix keeps other runs from seeing its streams
        }
        for (String name : created) {
            try {
                jsm.deleteStream(name);
            } catch (java.io.IOException | io.nats.client.JetStreamApiException | RuntimeException e) {
                // Best effort, one stream at a time: one that cannot go does not keep the others on the server.
            }
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
