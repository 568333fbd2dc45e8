// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.NatsLimits;
import dev.pipewright.model.Port;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The dead-letter wires of a live run on NATS: JetStream has no dead-letter queue, so, as the NATS
 * profile says, a listener of the max-deliveries advisory
 * ({@code $JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.STREAM.CONSUMER}) fetches the message the
 * advisory names by its stream sequence, publishes it to the dead-letter queue's stream (its
 * headers kept, its own {@code Nats-Msg-Id}, and why and whence in {@link #REASON_HEADER},
 * {@link #FROM_HEADER} and {@link #DELIVERIES_HEADER}) and deletes it from the origin stream, where
 * it would otherwise stay, never delivered again.
 *
 * <p>Advisories come from the server, a stranger: one larger than {@link #MAX_ADVISORY_BYTES}, not
 * JSON, or naming another stream or sequence than a positive one is ignored. The moves run on one
 * thread of their own, so the connection's dispatcher never waits on a request.
 */
final class NatsDeadLetters implements AutoCloseable {
    /** The header a dead letter carries its reason in: {@code delivery_limit}, or {@code rejected} by its consumer. */
    static final String REASON_HEADER = "pw-death-reason";
    /** The header naming the stream a dead letter came from. */
    static final String FROM_HEADER = "pw-death-stream";
    /** The header with the deliveries the max-deliveries advisory counted. */
    static final String DELIVERIES_HEADER = "pw-death-deliveries";
    /** The largest advisory read; the server's are a few hundred bytes. */
    static final int MAX_ADVISORY_BYTES = 16 * 1024;

    /** One origin stream read by one durable consumer, and the dead-letter queue's subject it moves to. */
    private record Wire(String originQueueId, String stream, String durable, String deadLetterSubject) {
    }

    private final Connection connection;
    private final String runId;
    private final List<Wire> wires = new ArrayList<>();
    /** Per origin queue: messages given up at max_deliver (the last nak) and not moved yet. */
    private final Map<String, AtomicLong> expected = new ConcurrentHashMap<>();
    /** Per origin queue: the subject of the dead-letter queue its wire goes to. */
    private final Map<String, String> targets = new ConcurrentHashMap<>();
    private final AtomicLong moved = new AtomicLong();
    private final Consumer<Exception> onFailure;
    private final ObjectMapper mapper = new ObjectMapper();
    private ExecutorService mover;
    private Dispatcher dispatcher;

    NatsDeadLetters(Flow flow, NatsTopology topology, Connection connection, String runId, Consumer<Exception> onFailure) {
        this.connection = connection;
        this.runId = runId;
        this.onFailure = onFailure;
        for (Edge e : flow.edges()) {
            if (e.fromPort() != Port.DEAD_LETTER || !topology.streams.containsKey(e.from())
                    || !topology.streams.containsKey(e.to())) {
                continue;
            }
            NatsTopology.Stream origin = topology.streams.get(e.from());
            String to = topology.streams.get(e.to()).subject();
            topology.readers.values().stream().filter(r -> r.streamName().equals(origin.name()))
                    .forEach(r -> wires.add(new Wire(e.from(), origin.name(), r.config().getDurable(), to)));
            expected.put(e.from(), new AtomicLong());
            targets.put(e.from(), to);
        }
    }

    /** Whether queue {@code queueId} has a dead-letter wire the listener serves. */
    boolean serves(String queueId) {
        return expected.containsKey(queueId);
    }

    /** Listens to the advisories of every wire; the subscriptions are in place when this returns. */
    void start() throws InterruptedException, java.util.concurrent.TimeoutException {
        if (wires.isEmpty()) {
            return;
        }
        mover = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pipewright-nats-dead-letters");
            t.setDaemon(true);
            return t;
        });
        dispatcher = connection.createDispatcher();
        for (Wire w : wires) {
            dispatcher.subscribe(NatsLimits.MAX_DELIVERIES_ADVISORY + "." + w.stream() + "." + w.durable(),
                    m -> mover.execute(() -> move(w, m)));
        }
        connection.flush(java.time.Duration.ofSeconds(5)); // the server has the interest before the first nak
    }

    /** The subject of the dead-letter queue {@code queueId}'s wire goes to, or null without one. */
    String targetOf(String queueId) {
        return targets.get(queueId);
    }

    /** A consumer gave a message of {@code queueId} its last nak: the advisory and the move are to come. */
    void givenUp(String queueId) {
        expected.get(queueId).incrementAndGet();
    }

    /** Messages of {@code queueId} given up and not moved yet: still in its stream, on their way out. */
    long onTheirWay(String queueId) {
        AtomicLong n = expected.get(queueId);
        return n == null ? 0 : Math.max(0, n.get());
    }

    /** How many messages were moved to dead-letter queues. */
    long moved() {
        return moved.get();
    }

    private void move(Wire w, Message advisory) {
        try {
            byte[] data = advisory.getData();
            if (data == null || data.length > MAX_ADVISORY_BYTES) {
                return;
            }
            JsonNode a;
            try {
                a = mapper.readTree(data);
            } catch (java.io.IOException e) {
                return; // not an advisory we read
            }
            long seq = a.path("stream_seq").asLong(-1);
            if (seq <= 0 || !w.stream().equals(a.path("stream").asText())) {
                return;
            }
            JetStreamManagement jsm = connection.jetStreamManagement();
            MessageInfo stored = jsm.getMessage(w.stream(), seq);
            Headers h = new Headers();
            if (stored.getHeaders() != null) {
                for (String key : stored.getHeaders().keySet()) {
                    // Its own Nats-Msg-Id below; the sourcing header names the topic's stream, not this one.
                    if (!key.equals(NatsLimits.MSG_ID_HEADER) && !key.equals("Nats-Stream-Source")) {
                        h.put(key, stored.getHeaders().get(key));
                    }
                }
            }
            h.put(NatsLimits.MSG_ID_HEADER, runId + "-dead-" + w.stream() + "-" + seq);
            // Why and whence, as RabbitMQ's x-death says it, in the simulator's reason's words.
            h.put(REASON_HEADER, "delivery_limit");
            h.put(FROM_HEADER, w.stream());
            long deliveries = a.path("deliveries").asLong(-1);
            if (deliveries > 0) {
                h.put(DELIVERIES_HEADER, Long.toString(deliveries));
            }
            JetStream js = connection.jetStream();
            js.publish(NatsMessage.builder().subject(w.deadLetterSubject()).headers(h).data(stored.getData()).build());
            jsm.deleteMessage(w.stream(), seq);
            moved.incrementAndGet();
            // One given up by ack_wait running out on its last delivery came with no nak counted: never below 0.
            expected.get(w.originQueueId()).updateAndGet(n -> Math.max(0, n - 1));
        } catch (java.io.IOException | io.nats.client.JetStreamApiException | RuntimeException e) {
            onFailure.accept(e);
        }
    }

    @Override
    public void close() {
        if (dispatcher != null) {
            connection.closeDispatcher(dispatcher);
            dispatcher = null;
        }
        if (mover != null) {
            mover.shutdown();
            try {
                mover.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            mover = null;
        }
    }
}
