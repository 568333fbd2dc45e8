// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.pipewright.brokers.live.DeadLetterRetries;
import dev.pipewright.brokers.live.LiveLedger;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Retry with delay on RabbitMQ, the TTL-and-dead-letter pattern ({@link DeadLetterRetries}): the
 * export writes a wait queue per retrying dead-letter queue whose {@code x-message-ttl} is the
 * delay and which dead-letters through the default exchange back to the origin queue, and a
 * parking queue for what is not sent back any more; this client takes each message off the
 * dead-letter queue and moves it to one or the other, counting the times it was sent back in
 * {@value #RETRY_HEADER}.
 */
final class RabbitRetrier {
    /** The header counting how often a message was sent back to its origin. */
    static final String RETRY_HEADER = "pw-retry";

    private final DeadLetterRetries.Plan plan;
    private final LiveLedger ledger;
    private final String dlq;
    private final String origin;
    private Channel channel;

    RabbitRetrier(DeadLetterRetries.Plan plan, LiveLedger ledger) {
        this.plan = plan;
        this.ledger = ledger;
        this.dlq = ledger.queueName(plan.dlq().id());
        this.origin = ledger.queueName(plan.originId());
    }

    /** The retrying dead-letter queue's node id. */
    String dlqId() {
        return plan.dlq().id();
    }

    /**
     * Whether both ends of the plan and its wait and parking queues are on the broker: the export
     * writes those ({@link dev.pipewright.model.config.RetryTopology}), and the run declares only the export.
     */
    boolean runs(java.util.List<String> declaredQueues) {
        return dlq != null && origin != null && declaredQueues.contains(DeadLetterRetries.waitName(dlq))
                && declaredQueues.contains(DeadLetterRetries.parkedName(dlq));
    }

    /** Tells the ledger of the wait and parking queues. */
    void register() {
        ledger.parkQueue(plan.dlq().id(), plan.originId(), DeadLetterRetries.parkedName(dlq), DeadLetterRetries.waitName(dlq));
    }

    /** Starts taking the dead-letter queue's messages. */
    void start(Connection connection) throws IOException {
        Channel ch = connection.createChannel();
        ch.basicQos(100);
        channel = ch;
        var busy = ledger.tally(plan.dlq().id()).busy;
        ch.basicConsume(dlq, false, "pw-retrier-" + plan.dlq().id() + "-" + System.nanoTime(), new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                busy.incrementAndGet();
                try {
                    Map<String, Object> headers = new HashMap<>(props.getHeaders() == null ? Map.of() : props.getHeaders());
                    int sentBack = headers.get(RETRY_HEADER) instanceof Number n ? n.intValue() : 0;
                    String id = String.valueOf(props.getMessageId());
                    if (plan.sendsBack(sentBack)) {
                        headers.put(RETRY_HEADER, sentBack + 1);
                        // Back at its origin it arrives anew, as in the simulator: without its delivery count, and
                        // without its deaths, by which the broker would take the loop for a dead-letter cycle and
                        // drop it when no reject is in it (a delivery limit); the retry header keeps the count.
                        for (String h : new String[] {"x-delivery-count", "x-death", "x-first-death-queue",
                                "x-first-death-reason", "x-first-death-exchange", "x-last-death-queue",
                                "x-last-death-reason", "x-last-death-exchange"}) {
                            headers.remove(h);
                        }
                        ch.basicPublish("", DeadLetterRetries.waitName(dlq), props.builder().headers(headers).build(), body);
                        ledger.retried(plan.dlq().id(), id);
                    } else {
                        ch.basicPublish("", DeadLetterRetries.parkedName(dlq), props, body);
                        ledger.parked(plan.dlq().id(), id);
                    }
                    // After the publish on the same channel: the broker has the message in its new queue first.
                    ch.basicAck(envelope.getDeliveryTag(), false);
                } finally {
                    busy.decrementAndGet();
                }
            }
        });
    }

    /** Stops taking messages; what it holds unacknowledged goes back to the dead-letter queue. */
    void stop() {
        Channel ch = channel;
        channel = null;
        try {
            if (ch != null && ch.isOpen()) {
                ch.close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            // Best effort: the connection may be gone.
        }
    }
}
