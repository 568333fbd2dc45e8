// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.ScriptedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RabbitMQ profile against the real RabbitMQ: the same scenario on the local broker and in the
 * simulator under {@link Broker#RABBITMQ} gives the same deliveries, dead letters and order.
 */
class RabbitMqRulesTest extends EngineTest {
    /** How long the broker may take to hand over a message before the test gives up on it. */
    private static final long PATIENCE_SECONDS = 20;

    private Connection connection;
    private Channel channel;
    private final List<String> declared = new ArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        connection = LocalRabbitMq.connect();
        channel = connection.createChannel();
        channel.confirmSelect();
    }

    @AfterEach
    void removeQueues() throws Exception {
        if (connection == null) {
            return;
        }
        try (Channel c = connection.createChannel()) {
            for (String q : declared) {
                c.queueDelete(q);
            }
        }
        connection.close();
    }

    /** Declares a queue (and its dead-letter queue) with a unique name; returns {queue, dlq}. */
    private String[] declare(QueueType type, Integer deliveryLimit) throws Exception {
        String q = "pw-test-" + UUID.randomUUID();
        String dlq = q + "-dlq";
        channel.queueDeclare(dlq, false, false, false, null);
        declared.add(dlq);
        Map<String, Object> args = new HashMap<>();
        args.put("x-queue-type", type.name().toLowerCase(java.util.Locale.ROOT));
        args.put("x-dead-letter-exchange", "");
        args.put("x-dead-letter-routing-key", dlq);
        if (deliveryLimit != null) {
            args.put("x-delivery-limit", deliveryLimit);
        }
        channel.queueDeclare(q, true, false, false, args);
        declared.add(q);
        return new String[] {q, dlq};
    }

    private void publish(String queue, String... bodies) throws Exception {
        for (String body : bodies) {
            channel.basicPublish("", queue, new AMQP.BasicProperties(), body.getBytes(StandardCharsets.UTF_8));
        }
        channel.waitForConfirmsOrDie(PATIENCE_SECONDS * 1000);
    }

    /** Nacks every delivery for requeue until the message reaches the dead-letter queue; returns the deliveries. */
    private int brokerDeliveriesUntilDeadLettered(QueueType type, int limit) throws Exception {
        String[] q = declare(type, limit);
        publish(q[0], "poison");
        AtomicInteger deliveries = new AtomicInteger();
        Channel consumer = connection.createChannel();
        consumer.basicQos(1);
        consumer.basicConsume(q[0], false, (tag, d) -> {
            deliveries.incrementAndGet();
            consumer.basicNack(d.getEnvelope().getDeliveryTag(), false, true);
        }, tag -> { });
        // The broker settles the last nack before it dead-letters, so the count is final once the DLQ has it.
        BlockingQueue<Map<String, Object>> dead = new LinkedBlockingQueue<>();
        channel.basicConsume(q[1], true, (tag, d) -> dead.add(d.getProperties().getHeaders()), tag -> { });
        Map<String, Object> headers = dead.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(headers).as("the poison message reached the dead-letter queue").isNotNull();
        assertThat(headers.get("x-first-death-reason")).hasToString("delivery_limit");
        consumer.abort();
        return deliveries.get();
    }

    private static Flow poison(QueueType type, Integer limit) {
        return poison(1, props("deliveryLimit", limit, "queueType", type));
    }

    private long simulatedDeliveries(Flow flow) {
        Simulation sim = start(on(Broker.RABBITMQ, flow));
        sim.runUntil(60);
        assertThat(sim.snapshot().node("dlq").ready()).isEqualTo(1);
        assertThat(sim.peek("dlq", 1).getFirst().deaths().getFirst().reason()).isEqualTo("delivery_limit");
        return sim.snapshot().node("c").failed();
    }

    @Test
    void aQuorumQueuesDeliveryLimitGivesTheSameDeliveriesAsTheBroker() throws Exception {
        for (int limit : new int[] {1, 3}) {
            int onBroker = brokerDeliveriesUntilDeadLettered(QueueType.QUORUM, limit);
            assertThat(simulatedDeliveries(poison(QueueType.QUORUM, limit))).as("x-delivery-limit %d", limit)
                    .isEqualTo(onBroker);
        }
    }

    /** m1..m3 published; m1 is nacked for requeue once; the order the three are then delivered in. */
    private List<String> brokerOrderAfterFirstNack(QueueType type, Integer limit) throws Exception {
        String[] q = declare(type, limit);
        publish(q[0], "1", "2", "3");
        BlockingQueue<String> order = new LinkedBlockingQueue<>();
        AtomicInteger seen = new AtomicInteger();
        Channel consumer = connection.createChannel();
        consumer.basicQos(1);
        DeliverCallback onDelivery = (tag, d) -> {
            String body = new String(d.getBody(), StandardCharsets.UTF_8);
            try {
                if (seen.getAndIncrement() == 0) {
                    consumer.basicNack(d.getEnvelope().getDeliveryTag(), false, true);
                } else {
                    order.add(body);
                    consumer.basicAck(d.getEnvelope().getDeliveryTag(), false);
                }
            } catch (RuntimeException | java.io.IOException e) {
                order.add("failed: " + e);
            }
        };
        consumer.basicConsume(q[0], false, onDelivery, tag -> { });
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String body = order.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertThat(body).as("delivery %d after the nack", i + 1).isNotNull().doesNotStartWith("failed:");
            got.add(body);
        }
        consumer.abort();
        return got;
    }

    /** The same in the simulator: the message being delivered right after the nack, then those waiting. */
    private List<String> simulatedOrderAfterFirstNack(QueueType type, Integer limit) {
        Simulation sim = start(on(Broker.RABBITMQ, poison(3, props("deliveryLimit", limit, "queueType", type),
                "prefetch", 1, "processingTime", constant(100))));
        sim.runUntil(1.15);
        List<String> waiting = sim.peek("q", 10).stream().map(m -> Long.toString(m.id())).toList();
        List<String> order = new ArrayList<>();
        for (String id : List.of("1", "2", "3")) {
            if (!waiting.contains(id)) {
                order.add(id);
            }
        }
        order.addAll(waiting);
        return order;
    }

    @Test
    void aRequeuedMessageGoesWhereTheBrokerPutsIt() throws Exception {
        assertThat(simulatedOrderAfterFirstNack(QueueType.QUORUM, null))
                .isEqualTo(brokerOrderAfterFirstNack(QueueType.QUORUM, null)).containsExactly("2", "3", "1");
        assertThat(simulatedOrderAfterFirstNack(QueueType.QUORUM, 5))
                .isEqualTo(brokerOrderAfterFirstNack(QueueType.QUORUM, 5)).containsExactly("1", "2", "3");
        assertThat(simulatedOrderAfterFirstNack(QueueType.CLASSIC, null))
                .isEqualTo(brokerOrderAfterFirstNack(QueueType.CLASSIC, null)).containsExactly("1", "2", "3");
    }

    /** Publishes ten messages one at a time with confirms to a queue of five; returns {confirmed, nacked, dead-lettered}. */
    private long[] brokerConfirms(String overflow) throws Exception {
        String q = "pw-test-" + UUID.randomUUID();
        String dlq = q + "-dlq";
        channel.queueDeclare(dlq, false, false, false, null);
        declared.add(dlq);
        Map<String, Object> args = new HashMap<>();
        args.put("x-max-length", 5);
        args.put("x-overflow", overflow);
        args.put("x-dead-letter-exchange", "");
        args.put("x-dead-letter-routing-key", dlq);
        channel.queueDeclare(q, false, false, false, args);
        declared.add(q);
        long confirmed = 0;
        long nacked = 0;
        for (int i = 1; i <= 10; i++) {
            channel.basicPublish("", q, new AMQP.BasicProperties(), ("m" + i).getBytes(StandardCharsets.UTF_8));
            if (channel.waitForConfirms(PATIENCE_SECONDS * 1000)) {
                confirmed++;
            } else {
                nacked++;
            }
        }
        return new long[] {confirmed, nacked, channel.messageCount(dlq)};
    }

    @Test
    void publisherConfirmsAreNackedWhereTheBrokerNacksThem() throws Exception {
        for (Overflow overflow : new Overflow[] {Overflow.REJECT_PUBLISH, Overflow.REJECT_PUBLISH_DLX}) {
            String word = overflow == Overflow.REJECT_PUBLISH ? "reject-publish" : "reject-publish-dlx";
            long[] onBroker = brokerConfirms(word);
            Simulation sim = start(on(Broker.RABBITMQ, new FlowBuilder()
                    .source("src", burstAtOne(10, "confirms", true))
                    .queue("q", "maxLength", 5, "overflow", overflow)
                    .dlq("dlq")
                    .wire("src", "q").wire("q", Port.DEAD_LETTER, "dlq").build()));
            sim.runUntil(2);
            long[] simulated = {sim.snapshot().node("src").confirmed(), sim.snapshot().node("src").nacked(),
                    sim.snapshot().node("dlq").ready()};
            assertThat(simulated).as(word + ": confirmed, nacked, dead-lettered").containsExactly(onBroker);
        }
    }

    /**
     * Per-message TTL against the queue's: m1 (200 ms of its own), m2 (none) and m3 (100 ms) on a
     * classic queue with x-message-ttl 500 ms and no consumer. The lower TTL applies, and only at
     * the head: m3 waits behind m2. Returns the ids in the order they were dead-lettered as expired.
     */
    private List<String> brokerExpiryOrder() throws Exception {
        String q = "pw-test-" + UUID.randomUUID();
        String dlq = q + "-dlq";
        channel.queueDeclare(dlq, false, false, false, null);
        declared.add(dlq);
        Map<String, Object> args = new HashMap<>();
        args.put("x-message-ttl", 500);
        args.put("x-dead-letter-exchange", "");
        args.put("x-dead-letter-routing-key", dlq);
        channel.queueDeclare(q, false, false, false, args);
        declared.add(q);
        BlockingQueue<String> dead = new LinkedBlockingQueue<>();
        channel.basicConsume(dlq, true, (tag, d) -> {
            Object reason = d.getProperties().getHeaders().get("x-first-death-reason");
            dead.add(new String(d.getBody(), StandardCharsets.UTF_8) + ":" + reason);
        }, tag -> { });
        String[][] messages = {{"m1", "200"}, {"m2", null}, {"m3", "100"}};
        for (String[] m : messages) {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().expiration(m[1]).build();
            channel.basicPublish("", q, props, m[0].getBytes(StandardCharsets.UTF_8));
        }
        channel.waitForConfirmsOrDie(PATIENCE_SECONDS * 1000);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < messages.length; i++) {
            String got = dead.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertThat(got).as("message %d of 3 reached the dead-letter queue", i + 1).isNotNull();
            order.add(got);
        }
        return order;
    }

    @Test
    void perMessageTtlExpiresAsTheBrokerExpiresIt() throws Exception {
        List<String> onBroker = brokerExpiryOrder();
        Simulation sim = start(on(Broker.RABBITMQ, new FlowBuilder()
                .source("src", "script", List.of(
                        new ScriptedMessage(s(1), "m1", null, null, Map.of(), Duration.ofMillis(200), null),
                        new ScriptedMessage(s(1), "m2", null, null, Map.of(), null, null),
                        new ScriptedMessage(s(1), "m3", null, null, Map.of(), Duration.ofMillis(100), null)))
                .queue("q", "messageTtl", Duration.ofMillis(500))
                .dlq("dlq")
                .wire("src", "q").wire("q", Port.DEAD_LETTER, "dlq").build()));
        sim.runUntil(3);
        List<String> simulated = sim.peek("dlq", 10).stream()
                .map(m -> m.headers().get("id") + ":" + m.deaths().getFirst().reason()).toList();
        assertThat(simulated).isEqualTo(onBroker).containsExactly("m1:expired", "m2:expired", "m3:expired");
    }
}
