// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.brokers.live.Await;
import dev.pipewright.brokers.live.LivePayload;
import dev.pipewright.brokers.live.NodeTally;
import dev.pipewright.model.Position;
import dev.pipewright.model.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A live source's sends on an embedded ElasticMQ: the messages of one burst go to a queue in
 * SendMessageBatch calls of up to 10 entries and SQS's batch size, a message due alone by
 * SendMessage, and ElasticMQ stores each once, in order on a FIFO queue. The calls are counted as
 * the SDK makes them (an execution interceptor); the messages as ElasticMQ hands them back.
 */
class SqsBatchSendTest {
    private EmbeddedElasticMq server;
    private SqsClient sqs;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        server = EmbeddedElasticMq.start();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                calls.computeIfAbsent(context.request().getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
            }
        };
        sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.of(EmbeddedElasticMq.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("pipewright", "pipewright")))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
    }

    @AfterEach
    void stop() {
        sqs.close();
        server.close();
    }

    private int calls(String request) {
        AtomicInteger n = calls.get(request);
        return n == null ? 0 : n.get();
    }

    /** Runs {@code source} to {@code url} on this thread until its message limit. */
    private NodeTally send(Source source, String url, boolean fifo) {
        NodeTally tally = new NodeTally();
        SqsSource s = new SqsSource(source, List.of(new SqsSource.Route(url, fifo, null, Map.of())), sqs, tally, 1,
                new LivePayload(source, 1), System.nanoTime() + TimeUnit.SECONDS.toNanos(30), () -> false);
        s.run();
        assertThat(s.failure()).isNull();
        return tally;
    }

    /** Every message of {@code url}, in the order ElasticMQ returns them, by their pw-id attribute. */
    private List<String> receiveAll(String url, int expected) {
        List<String> ids = new ArrayList<>();
        Await.until(expected + " messages received", () -> {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .messageAttributeNames("All").waitTimeSeconds(1)).messages()) {
                ids.add(m.messageAttributes().get(SqsSource.ID_ATTRIBUTE).stringValue());
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
            return ids.size() >= expected;
        }, () -> ids);
        return ids;
    }

    /** One burst of {@code n}, due 10 ms after the start (a source's first burst comes one burst gap in). */
    private static Source burst(int n, String template, int size) {
        return (Source) Source.of("src", "src", Position.ORIGIN).with("arrival", Source.Arrival.BURSTS)
                .with("burstSize", n).with("rate", n * 100.0).with("messageLimit", (long) n)
                .with("payloadTemplate", template).with("payloadSize", size);
    }

    private static List<String> ids(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> "src-" + i).toList();
    }

    @Test
    void aBurstOfTwentyFiveGoesInBatchesOfTenTenAndFiveAndEachIsStoredOnceInOrder() {
        String url = sqs.createQueue(b -> b.queueName("burst.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                .queueUrl();
        NodeTally tally = send(burst(25, "{\"n\": ${seq}}", 64), url, true);
        assertThat(calls("SendMessageBatchRequest")).isEqualTo(3);
        assertThat(calls("SendMessageRequest")).isZero();
        assertThat(tally.confirmed.get()).isEqualTo(25);
        // One message group (no key): a FIFO queue hands them back in the order sent.
        assertThat(receiveAll(url, 25)).containsExactlyElementsOf(ids(25));
    }

    @Test
    void largeBodiesAreSplitSoNoBatchExceedsSqsLimit() {
        // 100 KiB each: two fit a batch's 226 KiB of bodies, a third does not, so 2 + 2 + 1.
        String url = sqs.createQueue(b -> b.queueName("large")).queueUrl();
        NodeTally tally = send(burst(5, null, 100 * 1024), url, false);
        assertThat(calls("SendMessageBatchRequest")).isEqualTo(2);
        assertThat(calls("SendMessageRequest")).isEqualTo(1);
        assertThat(tally.confirmed.get()).isEqualTo(5);
        assertThat(receiveAll(url, 5)).containsExactlyInAnyOrderElementsOf(ids(5));
    }

    @Test
    void messagesDueOneAtATimeGoBySendMessage() {
        String url = sqs.createQueue(b -> b.queueName("steady")).queueUrl();
        Source steady = (Source) Source.of("src", "src", Position.ORIGIN).with("arrival", Source.Arrival.CONSTANT)
                .with("rate", 1_000.0).with("messageLimit", 4L);
        send(steady, url, false);
        assertThat(calls("SendMessageRequest")).isEqualTo(4);
        assertThat(calls("SendMessageBatchRequest")).isZero();
        assertThat(receiveAll(url, 4)).containsExactlyInAnyOrderElementsOf(ids(4));
    }
}
