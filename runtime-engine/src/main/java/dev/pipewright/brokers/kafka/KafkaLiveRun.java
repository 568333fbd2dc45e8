// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import dev.pipewright.brokers.live.ClientInstances;
import dev.pipewright.brokers.live.CrashSchedule;
import dev.pipewright.brokers.live.LiveChecks;
import dev.pipewright.brokers.live.LiveEvents;
import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.brokers.live.LiveLedger;
import dev.pipewright.brokers.live.LivePayload;
import dev.pipewright.brokers.live.LiveSession;
import dev.pipewright.brokers.live.RunParts;
import dev.pipewright.brokers.live.SessionControls;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A flow run on a real Kafka cluster: {@link #declare} creates the topics the Kafka export writes
 * under a fresh run prefix ({@code pw-RUN-}), {@link #run} lets its sources produce and each
 * consumer node read as a consumer group of its instances ({@link KafkaSource},
 * {@link KafkaConsumerInstance}) and ends in the same {@link Snapshot} the simulator publishes,
 * counted by a {@link LiveLedger}, with each group's lag per partition from the cluster's end and
 * committed offsets; {@link #teardown} deletes the topics and groups. A topic's depth is its group's
 * lag (a dead-letter topic's: the records in it).
 *
 * <p>Run by hand ({@link KafkaBackend}): rates, floods, pausing a consumer (its members
 * {@code pause} their partitions and stay in the group: no rebalance), its number of instances (a
 * member joining or leaving its group, which rebalances), crashing one member (it commits
 * nothing more) and restoring it (a new member joins) work; endpoints do not run on Kafka.
 */
public final class KafkaLiveRun implements LiveSession {
    private static final long POLL_MS = 20;
    /** How long the end of a run waits for a source thread in a send. */
    private static final long JOIN_MS = 35_000;

    private final Flow flow;
    private final KafkaTarget target;
    private final Admin admin;
    private final KafkaTopology topology;
    private final LiveLedger ledger;
    private final Producer<String, byte[]> producer;
    /** The members of a run, by consumer node; a crashed member commits nothing more, a restore starts a new one. */
    private final ClientInstances<KafkaConsumerInstance> consumers;
    /** The topics' lag and records, read from the cluster at a bounded rate. */
    private final KafkaLagSampler offsets;
    private volatile Exception failure;
    private volatile boolean stopping;
    /** A run by hand (begin ... end): held or played, its paused consumers, its sources. */
    private final SessionControls session = new SessionControls();
    private final List<KafkaSource> sessionSources = new ArrayList<>();

    private KafkaLiveRun(Flow flow, KafkaTarget target, Admin admin, KafkaTopology topology) {
        this.flow = flow;
        this.target = target;
        this.admin = admin;
        this.topology = topology;
        this.ledger = new LiveLedger(flow);
        this.offsets = new KafkaLagSampler(topology, reads());
        this.consumers = new ClientInstances<>(flow, this::instance, () -> stopping);
        Properties p = target.clientConfig();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(KafkaTarget.TIMEOUT_MS * 6));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, topology.prefix() + "producer");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * What this backend refuses in {@code flow}, in the words {@code check} uses: errors for what does
     * not run on Kafka here, warnings for what runs without one of its properties.
     */
    public static List<Finding> check(Flow flow) {
        List<Finding> out = new ArrayList<>(LiveChecks.common(flow));
        if (flow.info().broker() != Broker.KAFKA) {
            out.add(new Finding(Severity.WARNING, null, null, "the flow follows " + flow.info().broker().label()
                    + "'s rules, but Kafka runs it by Kafka's: compare it with the simulator under the kafka profile",
                    "set the flow's broker to kafka"));
        }
        for (Node n : flow.nodes()) {
            if (n instanceof Topic t) {
                out.add(LiveChecks.error(t, "a topic node (an exchange) does not run live on Kafka; wire the sources"
                        + " straight to the queues, which are Kafka's topics"));
            }
            if (n instanceof QueueSettings q) {
                long groups = flow.outgoing(q.id(), Port.OUT).stream()
                        .filter(e -> flow.node(e.to()).orElse(null) instanceof Consumer).count();
                if (groups > 1) {
                    out.add(LiveChecks.error(n, "more than one consumer group reads it; a live Kafka run counts one"
                            + " group a topic (run the others in the simulator)"));
                }
            }
            if (n instanceof Source s && s.script().stream().anyMatch(m -> m.delay() != null || m.ttl() != null)) {
                out.add(new Finding(Severity.WARNING, s.id(), null, "source '" + s.name() + "': a scripted message's"
                        + " delay and TTL are not applied on Kafka, which keeps records for the topic's retention", null));
            }
        }
        return out;
    }

    /**
     * Connects to {@code target} and creates the topics of {@code flow}'s Kafka export under a new run prefix.
     *
     * @throws LiveFailure in one sentence naming the bootstrap servers when no broker answers or one refuses a topic
     */
    public static KafkaLiveRun declare(Flow flow, KafkaTarget target) throws LiveFailure {
        Objects.requireNonNull(flow, "flow");
        Properties p = target.clientConfig();
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(KafkaTarget.TIMEOUT_MS));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(KafkaTarget.TIMEOUT_MS));
        // One try at the address: an unreachable bootstrap fails within the timeout, not after retries.
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (RuntimeException e) {
            throw new LiveFailure(target.describe(e, "connecting"), e);
        }
        String prefix = "pw-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        KafkaTopology topology;
        try {
            topology = KafkaTopology.create(flow, admin, prefix);
        } catch (Exception e) {
            admin.close(Duration.ZERO);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new LiveFailure(target.describe(e, "creating the topics"), e);
        }
        KafkaLiveRun run = new KafkaLiveRun(flow, target, admin, topology);
        for (String id : topology.nodeIds()) {
            run.ledger.nameQueue(id, topology.name(id));
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

    /** The group id of consumer node {@code consumerId}: under the run's prefix, so each run starts from offset 0. */
    String group(String consumerId) {
        return topology.prefix() + consumerId;
    }

    /** The topic of queue node {@code nodeId} on the cluster (with the run's prefix), or null. */
    public String topic(String nodeId) {
        return topology.name(nodeId);
    }

    @Override
    public Snapshot run(long seed, Duration limit) throws LiveFailure {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        ScheduledExecutorService timer = RunParts.daemonTimer("pipewright-kafka-timer", 1);
        stopping = false;
        failure = null;
        List<KafkaSource> sources = new ArrayList<>();
        Random seeds = new Random(seed);
        try {
            RunParts.startConsumers(flow, seeds, this::startConsumer);
            CrashSchedule.start(flow, timer, consumers.crashSchedule(), e -> failure = e);
            List<Thread> publishers = RunParts.sourceThreads(flow, seeds, "pipewright-kafka-", sources,
                    (s, sourceSeed) -> new KafkaSource(s, routes(s), producer, ledger.tally(s.id()), sourceSeed,
                            new LivePayload(s, seed), deadline, () -> stopping));
            RunParts.playUntilQuiet(publishers, deadline, ledger, offsets::depthNow, () -> throwFailure(sources),
                    () -> stopping = true, POLL_MS, JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LiveFailure e) {
            throw e;
        } catch (Exception e) {
            throw new LiveFailure(target.describe(e, "running the flow"), e);
        } finally {
            stopping = true;
            timer.shutdownNow();
            consumers.joinAll();
        }
        try {
            offsets.refresh(true); // the report's figures: after the members' last commits
            return withLag(ledger.snapshot((System.nanoTime() - start) / 1e9, offsets::depth));
        } catch (Exception e) {
            throw new LiveFailure(target.describe(e, "reading the topics' offsets"), e);
        }
    }

    /** The topics the run reads the offsets of: each queue node's, with the consumer node reading it, if one. */
    private List<KafkaLagSampler.Read> reads() {
        List<KafkaLagSampler.Read> out = new ArrayList<>();
        for (String id : topology.nodeIds()) {
            String groupNode = groupOf(id);
            out.add(new KafkaLagSampler.Read(id, topology.name(id), groupNode, groupNode == null ? null : group(groupNode)));
        }
        return out;
    }

    /** The consumer node that reads queue node {@code queueId}, or null. */
    private String groupOf(String queueId) {
        for (Edge e : flow.outgoing(queueId, Port.OUT)) {
            if (flow.node(e.to()).orElse(null) instanceof Consumer c) {
                return c.id();
            }
        }
        return null;
    }

    /** {@code s} with each read topic's group lag per partition, as the simulator reports it. */
    private Snapshot withLag(Snapshot s) {
        Map<String, NodeStats> nodes = new LinkedHashMap<>(s.nodes());
        offsets.lags().forEach((id, lag) -> nodes.computeIfPresent(id, (k, st) -> st.withLag(lag)));
        return new Snapshot(s.time(), s.events(), s.sampleInterval(), nodes, s.edges(), s.conservation());
    }

    /** What a source's send or a member's read or commit met, in one sentence naming the servers; or null. */
    private LiveFailure failureOf(List<KafkaSource> sources) {
        RunParts.Failed f = RunParts.firstFailure(failure, "reading or committing records", sources,
                KafkaSource::failure, "producing records");
        return f == null ? null : new LiveFailure(target.describe(f.cause(), f.doing()), f.cause());
    }

    /** Throws what {@link #failureOf} finds, if anything. */
    private void throwFailure(List<KafkaSource> sources) throws LiveFailure {
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

    private KafkaConsumerInstance instance(Consumer c, int i, long seed) {
        String queueId = ledger.queueOf(c);
        String dlt = ledger.deadLetterQueueOf(queueId);
        Integer limit = flow.node(queueId).orElse(null) instanceof QueueSettings q ? q.deliveryLimit() : null;
        if (flow.node(queueId).orElse(null) instanceof DeadLetterQueue) {
            dlt = null; // a dead-letter topic's reader has no dead-letter topic of its own
        }
        return new KafkaConsumerInstance(c, i, queueId, ledger.queueName(queueId),
                dlt == null ? null : ledger.queueName(dlt), limit, target, group(c.id()), producer,
                ledger, seed, () -> stopping, () -> session.holds(c.id()), e -> failure = e);
    }

    /** The topics a source's wires reach, with each wire's key and headers. */
    private List<KafkaSource.Route> routes(Source s) {
        List<KafkaSource.Route> out = new ArrayList<>();
        for (Edge e : flow.outgoing(s.id(), Port.OUT)) {
            String name = ledger.queueName(e.to());
            if (name != null) {
                out.add(new KafkaSource.Route(name, e.key(), e.headers()));
            }
        }
        return out;
    }

    @Override
    public void begin(long seed) {
        stopping = false;
        failure = null;
        session.begin(ledger, consumers);
        Random seeds = new Random(seed);
        RunParts.startConsumers(flow, seeds, this::startConsumer);
        session.startSources(flow, seeds, "pipewright-kafka-", sessionSources,
                (s, sourceSeed, control) -> new KafkaSource(s, routes(s), producer, ledger.tally(s.id()), sourceSeed,
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
            offsets.refresh(false);
            // The lag counts the records members work on until they commit: those are in flight, not ready.
            return ledger.liveSnapshot(seconds, name -> Math.max(0, offsets.depth(name) - ledger.inHandAt(name)),
                    offsets.lags());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new LiveFailure(target.describe(e, "reading the topics' offsets"), e);
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
        consumers.joinAll();
    }

    /** Deletes the run's topics and consumer groups, best effort. */
    @Override
    public void teardown() {
        List<String> groups = flow.nodes().stream().filter(n -> n instanceof Consumer).map(n -> group(n.id())).toList();
        try {
            admin.deleteConsumerGroups(groups).all().get(KafkaTarget.TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Best effort: a group that never committed does not exist; one left over holds only offsets.
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        topology.teardown();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
