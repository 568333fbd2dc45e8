// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.pipewright.brokers.live.LiveLedger;
import dev.pipewright.brokers.live.LiveMessages;
import dev.pipewright.brokers.live.NodeTally;
import dev.pipewright.brokers.live.ProcessorStage;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Topic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The processors of a live run on RabbitMQ: one client per processor and input queue, taking
 * {@code concurrency} messages at once (the channel's prefetch; a delay processor any number),
 * holding each for its processing time on a timer of their own (never on the delivery thread, and
 * never keeping the consumers' timer waiting for a confirm), running
 * it through the {@link ProcessorStage}, publishing what comes out on a channel with publisher
 * confirms and acknowledging the input only once the broker confirmed every output: a crash or a
 * lost connection in between delivers the input again (at-least-once), nothing is lost.
 */
final class ProcessorClients {
    private static final long CONFIRM_MS = RabbitTarget.RECOVERY_BOUND.toMillis();

    private final Flow flow;
    private final Connection connection;
    private final LiveLedger ledger;
    private final ProcessorStage stage;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier stopping;
    private final List<Client> clients = new ArrayList<>();

    /** One processor reading one queue: its consuming channel, its publishing channel, its consumer tag while it takes messages. */
    private final class Client {
        final Processor processor;
        final String queueId;
        final Channel in;
        final Channel out;
        final DefaultConsumer handler;
        String tag;

        Client(Processor processor, String queueId) throws IOException {
            this.processor = processor;
            this.queueId = queueId;
            this.in = connection.createChannel();
            in.basicQos(stage.concurrency(processor.id()));
            this.out = connection.createChannel();
            out.confirmSelect();
            this.handler = new DefaultConsumer(in) {
                @Override
                public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                    delivered(Client.this, envelope, props, body);
                }
            };
        }
    }

    /**
     * The clients of every processor of {@code flow} that reads a queue on the broker, not
     * consuming yet, with their own timer of {@code threads} threads; {@link #close} ends it.
     */
    ProcessorClients(Flow flow, Connection connection, LiveLedger ledger, long seed, int threads,
                     BooleanSupplier stopping) throws IOException {
        this.flow = flow;
        this.connection = connection;
        this.ledger = ledger;
        this.stage = new ProcessorStage(flow, ledger, seed);
        this.timer = dev.pipewright.brokers.live.RunParts.daemonTimer("pipewright-live-processors", threads);
        this.stopping = stopping;
        for (Node n : flow.nodes()) {
            if (n instanceof Processor p) {
                for (String queueId : ledger.queuesInto(p.id())) {
                    clients.add(new Client(p, queueId));
                }
            }
        }
    }

    /** Lets every client take messages (again). */
    void resume() throws IOException {
        for (Client c : clients) {
            if (c.tag == null && c.in.isOpen()) {
                try {
                    c.tag = c.in.basicConsume(ledger.queueName(c.queueId), false,
                            "pw-" + c.processor.id() + "-" + System.nanoTime(), c.handler);
                } catch (IOException e) {
                    throw new NeedsPermission("read", "consume from", e);
                }
            }
        }
    }

    /** Stops every client taking messages; what they hold they still finish. */
    void pause() throws IOException {
        for (Client c : clients) {
            if (c.tag != null && c.in.isOpen()) {
                c.in.basicCancel(c.tag);
            }
            c.tag = null;
        }
    }

    /** Ends the timer and closes every channel: what a client holds unacknowledged goes back to its queue. */
    void close() {
        timer.shutdownNow();
        for (Client c : clients) {
            closeQuietly(c.in);
            closeQuietly(c.out);
        }
    }

    private void delivered(Client c, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
        long now = System.nanoTime();
        Map<String, Object> headers = props.getHeaders() == null ? Map.of() : props.getHeaders();
        String messageId = props.getMessageId() != null ? props.getMessageId() : "tag-" + envelope.getDeliveryTag();
        // The account tells a source's duplicate and a message sent back by a retrying dead-letter queue apart from the original.
        String id = LiveMessages.ledgerId(messageId, headers.get(LiveRun.COPY_HEADER), headers.get(RabbitRetrier.RETRY_HEADER));
        Long t0 = headers.get(LiveRun.TIME_HEADER) instanceof Long t ? t : null;
        int attempt = ledger.delivered(c.queueId, c.processor.id(), id, t0, now);
        NodeTally me = ledger.tally(c.processor.id());
        me.busy.incrementAndGet();
        long hold = Math.round(stage.holdSeconds(c.processor.id()) * 1e9);
        // The modelled routing key travels only through a topic's exchange; the default exchange's key is the queue's name.
        String key = envelope.getExchange().isEmpty() ? null : envelope.getRoutingKey();
        ProcessorStage.Item item = new ProcessorStage.Item(messageId, new String(body, StandardCharsets.UTF_8), body.length,
                headers, key);
        Runnable processed = () -> {
            if (stopping.getAsBoolean() || !c.in.isOpen()) {
                done(c, me, id, attempt, now, () -> { });
                return;
            }
            ProcessorStage.Result r = stage.process(c.processor.id(), item);
            Runnable publish = () -> done(c, me, id, attempt, now, () -> publishAndAck(c, envelope, props, body, item, r, id, t0));
            schedule(publish, Math.round(r.laterSeconds() * 1e9));
        };
        schedule(processed, hold);
    }

    private void schedule(Runnable task, long nanos) {
        if (nanos <= 0) {
            task.run();
        } else {
            timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Runs {@code work} unless the run stops or the channel is gone (the broker has the message back then). */
    private void done(Client c, NodeTally me, String id, int attempt, long started, IoWork work) {
        try {
            ledger.processed(c.processor.id(), started, System.nanoTime());
            if (stopping.getAsBoolean()) {
                return; // unacknowledged: closing the channel gives it back (the ledger counts what is in hand so)
            }
            if (!c.in.isOpen()) {
                ledger.abandoned(c.processor.id(), c.queueId, id, attempt);
                return;
            }
            work.run();
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            // Lost with the connection, or not confirmed: unacknowledged, the broker delivers it again.
            ledger.abandoned(c.processor.id(), c.queueId, id, attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            me.busy.decrementAndGet();
        }
    }

    @FunctionalInterface
    private interface IoWork {
        void run() throws IOException, java.util.concurrent.TimeoutException, InterruptedException;
    }

    private void publishAndAck(Client c, Envelope envelope, AMQP.BasicProperties props, byte[] body,
                               ProcessorStage.Item in, ProcessorStage.Result r, String ledgerId, Long t0)
            throws IOException, java.util.concurrent.TimeoutException, InterruptedException {
        if (!r.outputs().isEmpty()) {
            synchronized (c.out) {
                for (ProcessorStage.Output o : r.outputs()) {
                    ProcessorStage.Item item = o.item();
                    Map<String, Object> headers = new HashMap<>(item.headers());
                    headers.put(LiveRun.ID_HEADER, item.id());
                    AMQP.BasicProperties p = props.builder().messageId(item.id()).headers(headers).deliveryMode(2).build();
                    byte[] bytes = item == in ? body : item.body() == null ? new byte[item.size()]
                            : item.body().getBytes(StandardCharsets.UTF_8);
                    Node to = flow.node(o.edge().to()).orElseThrow();
                    if (to instanceof Topic t) {
                        String key = o.edge().key() != null ? o.edge().key() : item.routingKey() != null ? item.routingKey() : "";
                        c.out.basicPublish(t.name(), key, p, bytes);
                    } else {
                        c.out.basicPublish("", ledger.queueName(to.id()), p, bytes);
                    }
                }
                c.out.waitForConfirmsOrDie(CONFIRM_MS);
            }
            for (ProcessorStage.Output o : r.outputs()) {
                ledger.forwarded(c.processor.id(), o.edge().to());
            }
        }
        c.in.basicAck(envelope.getDeliveryTag(), false);
        ledger.acknowledged(c.processor.id(), c.queueId, ledgerId, t0, System.nanoTime());
    }

    private static void closeQuietly(Channel ch) {
        try {
            if (ch.isOpen()) {
                ch.close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            // Best effort: the broker may be gone already.
        }
    }
}
