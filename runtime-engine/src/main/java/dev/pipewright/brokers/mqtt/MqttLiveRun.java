// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.mqtt;

import dev.pipewright.brokers.live.CrashSchedule;
import dev.pipewright.brokers.live.LiveEvents;
import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.brokers.live.LivePayload;
import dev.pipewright.brokers.live.LiveLedger;
import dev.pipewright.brokers.live.LiveMessages;
import dev.pipewright.brokers.live.LiveSession;
import dev.pipewright.brokers.live.RunParts;
import dev.pipewright.engine.api.Fault;
import dev.pipewright.brokers.live.Modelled;
import dev.pipewright.brokers.live.NodeTally;
import dev.pipewright.brokers.live.SourcePacing;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MqttHeaders;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.ScriptedMessage;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.MqttTopicFilter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * A flow run on a real MQTT broker through Eclipse Paho (MQTT 3.1.1), counted by a
 * {@link LiveLedger} into the same report as a simulated run.
 *
 * <p>Each source is one client publishing to the topics its routing keys name, at the QoS and
 * with the retain flag of its {@link MqttHeaders}. Each queue bound from a topic is a
 * subscription: every instance of its consumer is one client subscribed with the wire's filter
 * and QoS, with a persistent session when the queue is durable. Several instances of one consumer
 * share the subscription as {@code $share/QUEUE-ID/FILTER}, so they compete as the simulator's
 * instances do; a wire's own {@code $share/GROUP/} is kept. Every topic name and filter is put
 * under {@code pipewright/RUN/TOPIC-ID/}, RUN new for each run, so runs and topic nodes do not
 * see each other's messages, and retained messages the run set are cleared at its end.
 *
 * <p>MQTT has no queue depth to ask for, so a subscription's depth is what its filters matched of
 * what was published (counted by the publisher with {@link MqttTopicFilter}) less what its
 * clients were delivered; a shared subscription's group counts together. A message carries its id
 * and publish time in a first line of its payload, as MQTT 3.1.1 has no user properties.
 *
 * <p>Run by hand ({@link MqttBackend}), a crashed instance's connection drops without a
 * DISCONNECT and what it holds stays unacknowledged (consumers acknowledge by hand after
 * processing), so a persistent session's broker sends it again when the instance is restored; a
 * clean session's last instance going ends the session, and a restored one subscribes anew.
 */
public final class MqttLiveRun implements LiveSession {
    private static final long POLL_MS = 20;
    /** How long a source may take to finish its last publish once the run stops. */
    private static final long JOIN_MS = 10_000;
    /** The first line of a payload: this, the publish time (nanoTime), a tab, the id, a newline. */
    static final String MARK = "pw1\t";

    /** One wire from a topic to a queue a consumer reads: a subscription. */
    private record Subscription(String topicId, String queueId, String filter, String shareKey, int qos) {
    }

    private final Flow flow;
    private final MqttTarget target;
    private final LiveLedger ledger;
    private final String prefix;
    private final String runId;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Map<String, AtomicLong> expectedByQueue = new HashMap<>();
    private final Map<String, AtomicLong> expectedByShare = new HashMap<>();
    private final Map<String, List<String>> shareMembers = new LinkedHashMap<>();
    private final Set<String> retainedTopics = ConcurrentHashMap.newKeySet();
    private final List<MqttClient> clients = Collections.synchronizedList(new ArrayList<>());
    /** The MQTT 5 clients of sources whose messages expire. */
    private final List<ExpiringPublisher> expiringPublishers = Collections.synchronizedList(new ArrayList<>());
    private final List<String> persistentClientIds = new ArrayList<>();
    private final Map<String, List<Instance>> instances = new ConcurrentHashMap<>();
    private final Map<String, Long> consumerSeeds = new ConcurrentHashMap<>();
    private final Map<String, SourcePacing.Control> controls = new ConcurrentHashMap<>();
    private final Set<String> pausedConsumers = ConcurrentHashMap.newKeySet();
    /** Queues whose clean session ended: every instance of their consumer is down, so nothing is routed to them. */
    private final Set<String> endedSessions = ConcurrentHashMap.newKeySet();
    private final List<Thread> publisherThreads = new ArrayList<>();
    private volatile boolean held;
    private volatile boolean stopping;
    private volatile Exception failure;

    private MqttLiveRun(Flow flow, MqttTarget target) {
        this.flow = flow;
        this.target = target;
        this.ledger = new LiveLedger(flow);
        this.runId = UUID.randomUUID().toString().substring(0, 8);
        this.prefix = "pipewright/" + runId + "/";
        for (Edge e : flow.edges()) {
            if (flow.node(e.from()).orElse(null) instanceof Topic t && flow.node(e.to()).orElse(null) instanceof QueueSettings q
                    && MqttLiveChecks.hasConsumer(flow, q.id())) {
                String key = e.key() == null ? "" : e.key();
                String share = MqttTopicFilter.shareGroup(key) == null ? null : t.id() + "\u0000" + key;
                subscriptions.add(new Subscription(t.id(), q.id(), MqttTopicFilter.filterOf(key), share,
                        MqttHeaders.qos(e.headers())));
                ledger.nameQueue(q.id(), q.id());
                expectedByQueue.putIfAbsent(q.id(), new AtomicLong());
                if (share != null) {
                    expectedByShare.putIfAbsent(share, new AtomicLong());
                    List<String> members = shareMembers.computeIfAbsent(share, k -> new ArrayList<>());
                    if (!members.contains(q.id())) {
                        members.add(q.id());
                    }
                }
            }
        }
    }

    /** What does not run, or runs otherwise, on an MQTT broker ({@link MqttLiveChecks}). */
    public static List<Finding> check(Flow flow) {
        return MqttLiveChecks.of(flow);
    }

    /**
     * Checks that the broker answers and takes the login, and makes the run.
     *
     * @throws LiveFailure in one sentence naming the address when the broker is down or refuses the login
     */
    public static MqttLiveRun declare(Flow flow, MqttTarget target) throws LiveFailure {
        Objects.requireNonNull(flow, "flow");
        MqttLiveRun run = new MqttLiveRun(flow, target);
        MqttTarget.closeQuietly(target.connect("pw-" + run.runId + "-probe", true));
        return run;
    }

    /** The topic prefix of this run: {@code pipewright/RUN/}. */
    public String prefix() {
        return prefix;
    }

    @Override
    public void setEvents(LiveEvents listener) {
        ledger.setEvents(listener);
    }

    @Override
    public List<Finding> warnings() {
        return List.of();
    }

    @Override
    public Snapshot run(long seed, Duration limit) throws LiveFailure {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        Random seeds = new Random(seed);
        List<Thread> publishers = new ArrayList<>();
        ScheduledExecutorService timer = RunParts.daemonTimer("pipewright-live-crashes", 1);
        try {
            for (Node n : flow.nodes()) {
                if (n instanceof Consumer c) {
                    startConsumer(c, seeds.nextLong());
                }
            }
            // A scheduled crash drops the instance's connection as one by hand does; restored, it connects again.
            CrashSchedule.start(flow, timer, new CrashSchedule.Instances() {
                @Override
                public void crash(String consumerId, int i) {
                    if (!stopping) {
                        MqttLiveRun.this.crash(consumerId, RunParts.instance(instances, consumerId, i));
                    }
                }

                @Override
                public void restore(String consumerId, int i) throws Exception {
                    if (!stopping) {
                        MqttLiveRun.this.restore(consumerId, RunParts.instance(instances, consumerId, i));
                    }
                }
            }, e -> failure = failure == null ? e : failure);
            for (Node n : flow.nodes()) {
                if (n instanceof Source s) {
                    Publish client = sourceClient(s);
                    long sourceSeed = seeds.nextLong();
                    LivePayload payloads = new LivePayload(s, seed);
                    Thread t = new Thread(() -> publish(s, client, sourceSeed, payloads, deadline, null),
                            "pipewright-live-" + s.id());
                    t.setDaemon(true);
                    publishers.add(t);
                }
            }
            RunParts.playUntilQuiet(publishers, deadline, ledger, this::depth, () -> {
                // Ends the wait only: the first failure is thrown, described, once the clients are closed.
                if (failure != null) {
                    throw new IllegalStateException("the run failed", failure);
                }
            }, () -> {
                stopping = true;
                timer.shutdownNow();
            }, POLL_MS, JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LiveFailure e) {
            stopping = true;
            closeClients();
            throw e;
        } catch (Exception e) {
            failure = failure == null ? e : failure;
        } finally {
            stopping = true;
            timer.shutdownNow();
            for (Thread t : publishers) {
                try {
                    t.join(JOIN_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            closeClients();
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

    private void closeClients() {
        List<MqttClient> all;
        synchronized (clients) {
            all = new ArrayList<>(clients);
            clients.clear();
        }
        all.forEach(MqttTarget::closeQuietly);
        List<ExpiringPublisher> v5;
        synchronized (expiringPublishers) {
            v5 = new ArrayList<>(expiringPublishers);
            expiringPublishers.clear();
        }
        v5.forEach(ExpiringPublisher::close);
    }

    /** A subscription's depth: what its filters matched of what was published, less what it was delivered. */
    private long depth(String queueId) {
        long expected = expectedByQueue.getOrDefault(queueId, new AtomicLong()).get();
        long delivered = ledger.tally(queueId).firstDeliveries.get();
        for (Map.Entry<String, List<String>> g : shareMembers.entrySet()) {
            if (g.getValue().getFirst().equals(queueId)) {
                expected += expectedByShare.get(g.getKey()).get();
                for (String member : g.getValue().subList(1, g.getValue().size())) {
                    delivered += ledger.tally(member).firstDeliveries.get();
                }
            }
        }
        return Math.max(0, expected - delivered);
    }

    /** One consumer instance: its client, and whether a fault took it down or away. */
    private static final class Instance {
        final String clientId;
        final Random rng;
        volatile MqttClient client;
        volatile boolean crashed;

        Instance(String clientId, Random rng) {
            this.clientId = clientId;
            this.rng = rng;
        }
    }

    private void startConsumer(Consumer c, long seed) throws LiveFailure, MqttException {
        String queueId = ledger.queueOf(c);
        List<Instance> list = new ArrayList<>();
        instances.put(c.id(), list);
        consumerSeeds.put(c.id(), seed);
        if (queueId == null) {
            return;
        }
        for (int i = 0; i < c.instances(); i++) {
            list.add(openInstance(c, i));
        }
    }

    private boolean persistent(String queueId) {
        return flow.node(queueId).orElse(null) instanceof QueueSettings q && q.durable();
    }

    /** Connects instance {@code i} of consumer {@code c} and subscribes it with its queue's filters. */
    private Instance openInstance(Consumer c, int i) throws LiveFailure, MqttException {
        Instance in = new Instance("pw-" + runId + "-" + c.id() + "-" + i, new Random(consumerSeeds.get(c.id()) + i));
        String queueId = ledger.queueOf(c);
        if (persistent(queueId)) {
            synchronized (persistentClientIds) {
                persistentClientIds.add(in.clientId);
            }
        }
        connect(c, queueId, in, true);
        return in;
    }

    /** Connects {@code in}'s client; subscribes when {@code subscribe} (a persistent session keeps its subscriptions). */
    private void connect(Consumer c, String queueId, Instance in, boolean subscribe) throws LiveFailure, MqttException {
        List<Subscription> subs = subscriptions.stream().filter(s -> s.queueId().equals(queueId)).toList();
        String[] filters = new String[subs.size()];
        int[] qos = new int[subs.size()];
        for (int k = 0; k < subs.size(); k++) {
            Subscription s = subs.get(k);
            String filter = prefix + s.topicId() + "/" + s.filter();
            String group = s.shareKey() == null ? (c.instances() > 1 ? queueId : null)
                    : MqttTopicFilter.shareGroup(s.shareKey().substring(s.shareKey().indexOf('\u0000') + 1));
            filters[k] = group == null ? filter : MqttTopicFilter.SHARE + group + "/" + filter;
            qos[k] = s.qos();
        }
        // Acknowledged by hand once processed, so a crash leaves the message unacknowledged, as MQTT's would be.
        MqttCallback callback = new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                if (!stopping && !in.crashed) {
                    failure = failure == null ? new MqttException(MqttException.REASON_CODE_CONNECTION_LOST, cause)
                            : failure;
                }
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                handle(c, queueId, message, in);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // Consumers publish nothing.
            }
        };
        in.client = null; // until the connect returns; a message resent at once waits for it to acknowledge
        MqttClient client = target.connect(in.clientId, !persistent(queueId), callback);
        in.client = client;
        clients.add(client);
        if (subscribe) {
            client.subscribe(filters, qos);
        }
    }

    /** Processes one delivery on the client's thread, then acknowledges it (PUBACK, PUBCOMP): MQTT has no nack. */
    private void handle(Consumer c, String queueId, MqttMessage message, Instance in) {
        NodeTally me = ledger.tally(c.id());
        byte[] payload = message.getPayload();
        String id = "mqtt-" + message.getId();
        Long t0 = null;
        String head = new String(payload, 0, Math.min(payload.length, 600), StandardCharsets.UTF_8);
        int tab = head.indexOf('\t', MARK.length());
        int newline = head.indexOf('\n');
        if (head.startsWith(MARK) && tab > 0 && newline > tab) {
            try {
                t0 = Long.parseLong(head.substring(MARK.length(), tab));
                id = head.substring(tab + 1, newline);
            } catch (NumberFormatException e) {
                t0 = null; // not one of ours: counted by the broker's id
            }
        }
        // Held (a paused run or consumer): the message waits in hand, as a paused client's would.
        while ((held || pausedConsumers.contains(c.id())) && !stopping && !in.crashed) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
        }
        long now = System.nanoTime();
        int attempt = ledger.delivered(queueId, c.id(), id, t0, now);
        me.busy.incrementAndGet();
        try {
            double hold = Modelled.seconds(c.processingTime(), in.rng);
            // MQTT 3.1.1 messages have no headers; the body follows the run's own first line.
            boolean fail = Modelled.fails(c, attempt, in.rng, name -> null, () -> bodyAfterMark(payload));
            long until = now + Math.round(hold * 1e9);
            long wait;
            while ((wait = until - System.nanoTime()) > 0 && !stopping && !in.crashed) {
                LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(POLL_MS)));
            }
            long done = System.nanoTime();
            ledger.processed(c.id(), now, done);
            if (in.crashed) {
                // Never acknowledged: the broker sends it again to a persistent session (QoS 1 and 2).
                ledger.abandoned(c.id(), queueId, id, attempt);
                return;
            }
            if (fail || stopping) {
                // MQTT has no nack: what failed (or what the run's end cut short) is acknowledged and gone.
                if (fail) {
                    me.failed.incrementAndGet();
                }
                me.rejected.incrementAndGet();
                ledger.settled(queueId, id);
            } else {
                ledger.acknowledged(c.id(), queueId, id, t0, done);
            }
            MqttClient client;
            while ((client = in.client) == null && !stopping && !in.crashed) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            if (client != null) {
                acknowledge(client, message);
            }
        } finally {
            me.busy.decrementAndGet();
        }
    }

    private void acknowledge(MqttClient client, MqttMessage message) {
        if (message.getQos() == 0) {
            return;
        }
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException | RuntimeException e) {
            if (!stopping) {
                failure = failure == null ? e : failure;
            }
        }
    }

    /** The body a source sent: the payload after the run's own first line (its time and id). */
    private static String bodyAfterMark(byte[] payload) {
        String all = new String(payload, StandardCharsets.UTF_8);
        return all.startsWith(MARK) && all.indexOf('\n') >= 0 ? all.substring(all.indexOf('\n') + 1) : all;
    }

    /**
     * A connected client for source {@code s}: MQTT 5 when one of its messages carries a message
     * expiry, which only MQTT 5 can send; MQTT 3.1.1 otherwise, as every other client of the run.
     */
    private Publish sourceClient(Source s) throws LiveFailure {
        String clientId = "pw-" + runId + "-" + s.id();
        LiveMessages messages = new LiveMessages(s);
        boolean expiring = MqttHeaders.expirySeconds(s.headers()) > 0;
        for (int seq = 1; seq <= s.script().size() && !expiring; seq++) {
            expiring = expirySeconds(messages, seq) > 0;
        }
        if (expiring) {
            ExpiringPublisher v5 = target.connectExpiring(clientId);
            expiringPublishers.add(v5);
            return v5::publish;
        }
        MqttClient v3 = target.connect(clientId, true);
        clients.add(v3);
        return (topic, payload, qos, retain, expiry) -> v3.publish(topic, payload, qos, retain);
    }

    /**
     * Message {@code seq}'s Message Expiry Interval in whole seconds, or -1 for none: a scripted
     * message's own TTL (rounded up to a second, as MQTT counts), else its {@code mqtt-message-expiry}
     * (the source's header, or the scripted message's own), as the simulator's topic takes them.
     */
    static long expirySeconds(LiveMessages messages, long seq) {
        ScriptedMessage entry = messages.entry(seq);
        if (entry != null && entry.ttl() != null) {
            long nanos = entry.ttl().toNanos();
            return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        }
        return MqttHeaders.expirySeconds(messages.headers(seq));
    }

    /** A publish of one message by the source's client, MQTT 3.1.1 or 5 (only 5 carries {@code expirySeconds}). */
    @FunctionalInterface
    private interface Publish {
        void publish(String topic, byte[] payload, int qos, boolean retain, long expirySeconds) throws Exception;
    }

    /**
     * Publishes the source's messages at its rate or by its script, or as {@code control} (null:
     * none) paces it. Each message's QoS, retain flag and expiry are its own headers' (the source's,
     * then a scripted message's), its topic name the wire's key, else a scripted message's, else the
     * source's keys in turn.
     */
    private void publish(Source s, Publish client, long seed, LivePayload payloads, long deadline,
                         SourcePacing.Control control) {
        NodeTally tally = ledger.tally(s.id());
        Random rng = new Random(seed);
        LiveMessages messages = new LiveMessages(s);
        List<Edge> routes = flow.outgoing(s.id(), Port.OUT).stream()
                .filter(e -> flow.node(e.to()).orElse(null) instanceof Topic).toList();
        try {
            if (routes.isEmpty() || (control == null && !(s.rate() > 0) && s.script().isEmpty())) {
                return;
            }
            SourcePacing.Control pace = control != null ? control : new SourcePacing.Control(s.rate());
            SourcePacing.run(s, pace, rng, deadline, () -> stopping, seq -> {
                Map<String, String> headers = messages.headers(seq);
                int qos = MqttHeaders.qos(headers);
                boolean retain = MqttHeaders.retain(headers);
                long expiry = expirySeconds(messages, seq);
                // One payload per message, as the simulator makes it: every route gets the same body.
                byte[] body = payloads.body(payloads.text(seq));
                for (Edge r : routes) {
                    String name = messages.routingKey(r.key(), seq);
                    String topic = prefix + r.to() + "/" + name;
                    byte[] head = (MARK + System.nanoTime() + "\t" + s.id() + "-" + seq + "\n").getBytes(StandardCharsets.UTF_8);
                    byte[] payload = new byte[head.length + body.length];
                    System.arraycopy(head, 0, payload, 0, head.length);
                    System.arraycopy(body, 0, payload, head.length, body.length);
                    if (retain) {
                        retainedTopics.add(topic);
                    }
                    // Counted before the send: a delivery may come before the publish returns.
                    expect(r.to(), name);
                    client.publish(topic, payload, qos, retain, expiry);
                    tally.published.incrementAndGet();
                    if (s.confirms()) {
                        tally.confirmed.incrementAndGet(); // PUBACK or PUBCOMP came (QoS 0: sent)
                    }
                }
            });
        } catch (Exception e) {
            if (!stopping) {
                failure = failure == null ? e : failure;
            }
        }
    }

    /** Counts one message on {@code topicName} of topic {@code topicId} to every subscription whose filter matches. */
    private void expect(String topicId, String topicName) {
        Set<String> shares = new java.util.HashSet<>();
        for (Subscription s : subscriptions) {
            if (!s.topicId().equals(topicId) || !MqttTopicFilter.matches(s.filter(), topicName)
                    || endedSessions.contains(s.queueId())) {
                continue;
            }
            if (s.shareKey() == null) {
                expectedByQueue.get(s.queueId()).incrementAndGet();
            } else if (shares.add(s.shareKey())) {
                expectedByShare.get(s.shareKey()).incrementAndGet();
            }
        }
    }

    @Override
    public void begin(long seed) throws LiveFailure {
        Random seeds = new Random(seed);
        held = true;
        try {
            for (Node n : flow.nodes()) {
                if (n instanceof Consumer c) {
                    startConsumer(c, seeds.nextLong());
                }
            }
            for (Node n : flow.nodes()) {
                if (n instanceof Source s) {
                    Publish client = sourceClient(s);
                    long sourceSeed = seeds.nextLong();
                    SourcePacing.Control control = new SourcePacing.Control(s.rate());
                    control.hold(true);
                    controls.put(s.id(), control);
                    LivePayload payloads = new LivePayload(s, seed);
                    Thread t = new Thread(() -> publish(s, client, sourceSeed, payloads, Long.MAX_VALUE, control),
                            "pipewright-live-" + s.id());
                    t.setDaemon(true);
                    publisherThreads.add(t);
                    t.start();
                }
            }
        } catch (LiveFailure e) {
            throw e;
        } catch (MqttException | RuntimeException e) {
            throw new LiveFailure(target.describe(e, "subscribing"), e);
        }
    }

    @Override
    public void hold(boolean hold) {
        held = hold;
        controls.values().forEach(c -> c.hold(hold));
    }

    @Override
    public void inject(Fault fault) throws LiveFailure {
        try {
            switch (fault) {
                case Fault.SetRate f -> RunParts.control(controls, f.sourceId()).setRate(f.perSecond());
                case Fault.Flood f -> RunParts.control(controls, f.sourceId()).flood(f.factor(), f.seconds());
                case Fault.PauseConsumer f -> {
                    RunParts.instances(instances, f.consumerId());
                    pausedConsumers.add(f.consumerId());
                }
                case Fault.ResumeConsumer f -> {
                    RunParts.instances(instances, f.consumerId());
                    pausedConsumers.remove(f.consumerId());
                }
                case Fault.CrashInstance f -> crash(f.consumerId(), RunParts.instance(instances, f.consumerId(), f.instance()));
                case Fault.RestoreInstance f -> restore(f.consumerId(), RunParts.instance(instances, f.consumerId(),
                        f.instance()));
                default -> throw LiveSession.unsupported(fault);
            }
        } catch (MqttException e) {
            throw new LiveFailure(target.describe(e, "carrying out a fault"), e);
        }
    }

    /** The instance's connection drops without a DISCONNECT, as a crashed client's does. */
    private void crash(String consumerId, Instance in) {
        if (in.crashed) {
            return;
        }
        in.crashed = true;
        MqttClient client = in.client;
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException | RuntimeException e) {
            // Gone already.
        }
        String queueId = ledger.queueOf((Consumer) flow.node(consumerId).orElseThrow());
        if (queueId != null && !persistent(queueId)
                && instances.get(consumerId).stream().allMatch(i -> i.crashed)) {
            endedSessions.add(queueId); // a clean session ends with its last client
        }
    }

    /** The instance connects again with its client id; a clean session subscribes anew (and gets the retained messages). */
    private void restore(String consumerId, Instance in) throws LiveFailure, MqttException {
        if (!in.crashed) {
            return;
        }
        Consumer c = (Consumer) flow.node(consumerId).orElseThrow();
        String queueId = ledger.queueOf(c);
        clients.remove(in.client);
        MqttTarget.closeQuietly(in.client);
        in.crashed = false;
        endedSessions.remove(queueId);
        connect(c, queueId, in, !persistent(queueId));
    }

    @Override
    public Snapshot liveSnapshot(double seconds) throws LiveFailure {
        try {
            return ledger.liveSnapshot(seconds, this::depth);
        } catch (Exception e) {
            throw new LiveFailure(target.describe(e, "counting the run"), e);
        }
    }

    @Override
    public Exception failure() {
        return failure;
    }

    @Override
    public void end() {
        stopping = true;
        for (Thread t : publisherThreads) {
            try {
                t.join(JOIN_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        publisherThreads.clear();
        closeClients();
    }

    /** Clears the retained messages this run set (an empty retained message removes one), best effort. */
    private void clearRetained() {
        if (retainedTopics.isEmpty()) {
            return;
        }
        MqttClient client = null;
        try {
            client = target.connect("pw-" + runId + "-clear", true);
            for (String topic : retainedTopics) {
                client.publish(topic, new byte[0], 1, true);
            }
        } catch (LiveFailure | MqttException | RuntimeException e) {
            // Best effort: the broker went away; the run's prefix keeps other runs from seeing them.
        } finally {
            MqttTarget.closeQuietly(client);
        }
        retainedTopics.clear();
    }

    /** Ends the persistent sessions this run opened: a clean connect with the same client id removes one. */
    private void endSessions() {
        for (String id : persistentClientIds) {
            try {
                MqttTarget.closeQuietly(target.connect(id, true));
            } catch (LiveFailure e) {
                return; // the broker went away; it forgets the sessions when it expires them
            }
        }
        persistentClientIds.clear();
    }

    @Override
    public void teardown() {
        clearRetained();
        endSessions();
    }

    @Override
    public void close() {
        stopping = true;
        closeClients();
        clearRetained();
        endSessions();
    }
}
