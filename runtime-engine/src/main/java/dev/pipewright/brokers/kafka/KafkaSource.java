// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import dev.pipewright.brokers.live.LiveMessages;
import dev.pipewright.brokers.live.LivePayload;
import dev.pipewright.brokers.live.NodeTally;
import dev.pipewright.brokers.live.SourcePacing;
import dev.pipewright.model.Source;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One source of a Kafka live run, on its own thread: a record per message and topic it is wired
 * to, at the modelled pace ({@link SourcePacing}), keyed by its routing key (so Kafka's partitioner
 * puts one key on one partition, as the simulator's {@code Murmur2} does; no key is sticky). Each
 * record carries its message id ({@code SOURCE-SEQ}) and send time as headers, and the message's
 * headers. A send waits for the cluster's acknowledgement ({@code acks=all}): each is confirmed.
 */
final class KafkaSource implements Runnable {
    /** The header carrying the message id, by which deliveries of one message are counted. */
    static final String ID_HEADER = "pw-id";
    /** The header carrying the send time (this JVM's nanoTime), for latencies. */
    static final String TIME_HEADER = "pw-t0";
    /** The largest sized body sent: Kafka's default {@code max.request.size} is 1 MiB with the batch around it. */
    static final int MAX_SIZED_BODY = 512 * 1024;

    /** A topic the source is wired to, with the wire's key and headers. */
    record Route(String topic, String key, Map<String, String> headers) {
    }

    private final Source source;
    private final LiveMessages messages;
    private final List<Route> routes;
    private final Producer<String, byte[]> producer;
    private final NodeTally tally;
    private final Random rng;
    private final LivePayload payloads;
    private final long deadline;
    private final BooleanSupplier stop;
    /** What paces it when run by hand (rate, flood, hold); null: the source's own rate. */
    private final SourcePacing.Control control;
    private volatile Exception failure;

    KafkaSource(Source source, List<Route> routes, Producer<String, byte[]> producer, NodeTally tally, long seed,
                LivePayload payloads, long deadline, BooleanSupplier stop) {
        this(source, routes, producer, tally, seed, payloads, deadline, stop, null);
    }

    KafkaSource(Source source, List<Route> routes, Producer<String, byte[]> producer, NodeTally tally, long seed,
                LivePayload payloads, long deadline, BooleanSupplier stop, SourcePacing.Control control) {
        this.control = control;
        this.source = source;
        this.messages = new LiveMessages(source);
        this.routes = routes;
        this.producer = producer;
        this.tally = tally;
        this.rng = new Random(seed);
        this.payloads = payloads;
        this.deadline = deadline;
        this.stop = stop;
    }

    /** What ended the sends early (the cluster refused one, or went away), or null. */
    Exception failure() {
        return failure;
    }

    @Override
    public void run() {
        if (routes.isEmpty()) {
            return;
        }
        try {
            SourcePacing.run(source, control, rng, deadline, stop, this::send);
        } catch (Exception e) {
            if (!stop.getAsBoolean()) {
                failure = e;
            }
        }
    }

    private void send(long seq) throws Exception {
        // Drawn as the other backends draw it, so the seed's later draws match theirs; Kafka has no priorities.
        messages.priority(seq, rng);
        String id = source.id() + "-" + seq;
        byte[] body = body(seq);
        for (Route r : routes) {
            Map<String, String> headers = new LinkedHashMap<>(messages.headers(seq));
            headers.putAll(r.headers());
            RecordHeaders h = new RecordHeaders();
            h.add(ID_HEADER, id.getBytes(StandardCharsets.UTF_8));
            h.add(TIME_HEADER, Long.toString(System.nanoTime()).getBytes(StandardCharsets.UTF_8));
            headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
            String key = messages.routingKey(r.key(), seq);
            producer.send(new ProducerRecord<>(r.topic(), null, key == null || key.isEmpty() ? null : key, body, h))
                    .get(KafkaTarget.TIMEOUT_MS * 6L, TimeUnit.MILLISECONDS);
            tally.published.incrementAndGet();
            tally.confirmed.incrementAndGet();
        }
    }

    /** The template's text as the simulator fills it in, or a body of the payload size. */
    private byte[] body(long seq) {
        String text = payloads.text(seq);
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return new byte[Math.clamp(source.payloadSize(), 0, MAX_SIZED_BODY)];
    }
}
