// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.sqs;

import dev.pipewright.brokers.live.LiveMessages;
import dev.pipewright.brokers.live.LivePayload;
import dev.pipewright.brokers.live.NodeTally;
import dev.pipewright.brokers.live.SourcePacing;
import dev.pipewright.model.Source;
import dev.pipewright.model.SqsSendBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * One source of an SQS live run, on its own thread: its messages to each queue it is wired to, at
 * the modelled pace ({@link SourcePacing}). Messages due at the same instant (a burst) go to a queue
 * in {@code SendMessageBatch} calls of up to 10 entries and 256 KiB, SQS's batch limits
 * ({@link SqsSendBatch}, by which the simulator counts a FIFO queue's calls); a message
 * due alone goes by {@code SendMessage}. Each message carries its id
 * ({@code SOURCE-SEQ}) and send time as message attributes, and its headers as string attributes; on
 * a FIFO queue its {@code MessageGroupId} and {@code MessageDeduplicationId} are what the simulator
 * takes: the headers of those names, else the routing key (a group) and the message id (a
 * deduplication id). SendMessage answers once SQS has stored the message, so each send is confirmed.
 */
final class SqsSource implements Runnable, SourcePacing.Send {
    /** The message attribute carrying the message id, by which deliveries of one message are counted. */
    static final String ID_ATTRIBUTE = "pw-id";
    /** The message attribute carrying the send time (this JVM's nanoTime), for latencies. */
    static final String TIME_ATTRIBUTE = "pw-t0";
    /** SQS takes 10 message attributes; two carry the id and the time. */
    static final int MAX_HEADERS = 8;
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
    /** The messages due now, by the route they go to, not sent yet. */
    private final Map<Route, List<SendMessageRequest>> due = new LinkedHashMap<>();
    /** The body bytes of {@link #due}, by route. */
    private final Map<Route, Integer> dueBytes = new HashMap<>();

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
            SourcePacing.run(source, control, rng, deadline, stop, this);
            dueSent();
        } catch (Exception e) {
            if (!stop.getAsBoolean()) {
                failure = e;
            }
        }
    }

    @Override
    public void send(long seq) {
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
            SendMessageRequest message = request.build();
            int bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            List<SendMessageRequest> batch = due.computeIfAbsent(r, k -> new ArrayList<>());
            if (!batch.isEmpty() && !SqsSendBatch.joins(batch.size(), dueBytes.getOrDefault(r, 0), bytes)) {
                flush(r, batch);
            }
            batch.add(message);
            dueBytes.merge(r, bytes, Integer::sum);
        }
    }

    /** Sends what is due to each queue: the instant's messages are all handed over. */
    @Override
    public void dueSent() {
        for (Map.Entry<Route, List<SendMessageRequest>> e : due.entrySet()) {
            flush(e.getKey(), e.getValue());
        }
    }

    /**
     * One message by SendMessage, more by one SendMessageBatch; each is counted once SQS answers that
     * it stored it. An entry SQS refuses ends the run, as a refused SendMessage does.
     */
    private void flush(Route r, List<SendMessageRequest> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (batch.size() == 1) {
            sqs.sendMessage(batch.getFirst());
        } else {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                SendMessageRequest m = batch.get(i);
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(m.messageBody())
                        .messageAttributes(m.messageAttributes()).messageGroupId(m.messageGroupId())
                        .messageDeduplicationId(m.messageDeduplicationId()).build());
            }
            SendMessageBatchResponse answer = sqs.sendMessageBatch(b -> b.queueUrl(r.url()).entries(entries));
            if (!answer.failed().isEmpty()) {
                BatchResultErrorEntry first = answer.failed().getFirst();
                tally.published.addAndGet(answer.successful().size());
                tally.confirmed.addAndGet(answer.successful().size());
                throw new IllegalStateException("SQS stored " + answer.successful().size() + " of " + batch.size()
                        + " messages of a SendMessageBatch and refused the rest (" + first.code() + ": "
                        + first.message() + ")");
            }
        }
        tally.published.addAndGet(batch.size());
        tally.confirmed.addAndGet(batch.size());
        batch.clear();
        dueBytes.remove(r);
    }

    /** The template's text as the simulator fills it in, or a body of the payload size (SQS needs one character at least). */
    private String body(long seq) {
        String text = payloads.text(seq);
        if (text != null) {
            return text;
        }
        return "0".repeat(SqsSendBatch.bodyBytes(source.payloadSize()));
    }
}
