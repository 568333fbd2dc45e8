// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.sqs;

import dev.pipewright.brokers.live.LiveMessages;
import dev.pipewright.brokers.live.LivePayload;
import dev.pipewright.brokers.live.NodeTally;
import dev.pipewright.brokers.live.SourcePacing;
import dev.pipewright.model.Source;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * One source of an SQS live run, on its own thread: a {@code SendMessage} per message and queue it
 * is wired to, at the modelled pace ({@link SourcePacing}). Each message carries its id
 * ({@code SOURCE-SEQ}) and send time as message attributes, and its headers as string attributes; on
 * a FIFO queue its {@code MessageGroupId} and {@code MessageDeduplicationId} are what the simulator
 * takes: the headers of those names, else the routing key (a group) and the message id (a
 * deduplication id). SendMessage answers once SQS has stored the message, so each send is confirmed.
 */
final class SqsSource implements Runnable {
    /** The message attribute carrying the message id, by which deliveries of one message are counted. */
    static final String ID_ATTRIBUTE = "pw-id";
    /** The message attribute carrying the send time (this JVM's nanoTime), for latencies. */
    static final String TIME_ATTRIBUTE = "pw-t0";
    /** SQS takes 10 message attributes; two carry the id and the time. */
    static final int MAX_HEADERS = 8;
    /** SQS's largest message is 256 KiB with its attributes; a sized payload stays well below. */
    static final int MAX_SIZED_BODY = 200 * 1024;
    private static final String GROUP_HEADER = "MessageGroupId";
    private static final String DEDUPLICATION_HEADER = "MessageDeduplicationId";
    /** SQS refuses an empty group id; the simulator's group of a message without key or header is "". */
    static final String DEFAULT_GROUP = "default";

    /** A queue the source is wired to: its URL, whether it is FIFO, and the wire's key and headers. */
    record Route(String url, boolean fifo, String key, Map<String, String> headers) {
    }

    private final Source source;
    private final LiveMessages messages;
    private final List<Route> routes;
    private final SqsClient sqs;
    private final NodeTally tally;
    private final Random rng;
    private final LivePayload payloads;
    private final long deadline;
    private final BooleanSupplier stop;
    /** What paces it when run by hand (rate, flood, hold); null: the source's own rate. */
    private final SourcePacing.Control control;
    private volatile Exception failure;

    SqsSource(Source source, List<Route> routes, SqsClient sqs, NodeTally tally, long seed, LivePayload payloads,
              long deadline, BooleanSupplier stop) {
        this(source, routes, sqs, tally, seed, payloads, deadline, stop, null);
    }

    SqsSource(Source source, List<Route> routes, SqsClient sqs, NodeTally tally, long seed, LivePayload payloads,
              long deadline, BooleanSupplier stop, SourcePacing.Control control) {
        this.control = control;
        this.source = source;
        this.payloads = payloads;
        this.messages = new LiveMessages(source);
        this.routes = routes;
        this.sqs = sqs;
        this.tally = tally;
        this.rng = new Random(seed);
        this.deadline = deadline;
        this.stop = stop;
    }

    /** What ended the sends early (SQS refused one, or went away), or null. */
    Exception failure() {
        return failure;
    }

    @Override
    public void run() {
        if (routes.isEmpty()) {
            return;
        }
        try {
            if (control == null) {
                SourcePacing.run(source, rng, deadline, stop, this::send);
            } else {
                SourcePacing.run(source, control, rng, deadline, stop, this::send);
            }
        } catch (Exception e) {
            if (!stop.getAsBoolean()) {
                failure = e;
            }
        }
    }

    private void send(long seq) {
        // Drawn as the other backends draw it, so the seed's later draws match theirs; SQS has no priorities.
        messages.priority(seq, rng);
        String id = source.id() + "-" + seq;
        String body = body(seq);
        for (Route r : routes) {
            Map<String, String> headers = new LinkedHashMap<>(messages.headers(seq));
            headers.putAll(r.headers());
            Map<String, MessageAttributeValue> attributes = new HashMap<>();
            attributes.put(ID_ATTRIBUTE, MessageAttributeValue.builder().dataType("String").stringValue(id).build());
            attributes.put(TIME_ATTRIBUTE, MessageAttributeValue.builder().dataType("Number")
                    .stringValue(Long.toString(System.nanoTime())).build());
            headers.entrySet().stream().filter(h -> !h.getValue().isEmpty()).limit(MAX_HEADERS).forEach(h -> attributes.put(
                    h.getKey(), MessageAttributeValue.builder().dataType("String").stringValue(h.getValue()).build()));
            SendMessageRequest.Builder request = SendMessageRequest.builder().queueUrl(r.url()).messageBody(body)
                    .messageAttributes(attributes);
            if (r.fifo()) {
                String key = messages.routingKey(r.key(), seq);
                String group = headers.getOrDefault(GROUP_HEADER, key);
                request.messageGroupId(group == null || group.isEmpty() ? DEFAULT_GROUP : group)
                        .messageDeduplicationId(headers.getOrDefault(DEDUPLICATION_HEADER, id));
            }
            sqs.sendMessage(request.build());
            tally.published.incrementAndGet();
            tally.confirmed.incrementAndGet();
        }
    }

    /** The template's text as the simulator fills it in, or a body of the payload size (SQS needs one character at least). */
    private String body(long seq) {
        String text = payloads.text(seq);
        if (text != null) {
            return text;
        }
        return "0".repeat(Math.clamp(source.payloadSize(), 1, MAX_SIZED_BODY));
    }
}
