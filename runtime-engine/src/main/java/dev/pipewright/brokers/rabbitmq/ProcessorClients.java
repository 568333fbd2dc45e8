// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.pipewright.brokers.live.LiveEndpoints;
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
 *
 * <p>An aggregator or a resequencer keeps the inputs it holds unacknowledged until the output they
 * went into is confirmed, so its channel's prefetch is its concurrency plus what it may hold
 * ({@link ProcessorStage#heldLimit}); the client itself lets no more than {@code concurrency} be
 * processed at once, and asks the stage every {@value #EXPIRE_MS} ms what timed out. One fed by a
 * source or a consumer holds its inputs in that client's memory instead ({@link ProcessorStage#holdsInClient}):
 * the same timer releases its timeouts and publishes what they release on a confirm channel of its own.
 *
 * <p>What a processor passes to an endpoint or a message store is played in this client ({@link
 * LiveEndpoints}), handed over once its other outputs are confirmed, before its input is
 * acknowledged, and once per input: a delivery again after a lost ack does not reach the endpoint
 * twice, and is not lost to it when an idempotent receiver takes the second delivery for a
 * duplicate. A crash of the client loses what its endpoints and stores hold, as their memory is
 * this client's.
 */
final class ProcessorClients {
    private static final long CONFIRM_MS = RabbitTarget.RECOVERY_BOUND.toMillis();
    /** How often a client of an aggregator or resequencer asks what timed out. */
    static final long EXPIRE_MS = 10;
    /** In place of a start time: nothing was processed (a timeout released what is published). */
    private static final long NOT_PROCESSED = Long.MIN_VALUE;

    private final Flow flow;
    private final Connection connection;
    private final LiveLedger ledger;
    private final ProcessorStage stage;
    private final LiveEndpoints endpoints;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier stopping;
    private final List<Client> clients = new ArrayList<>();
    /** The confirm channels on which timeouts of processors holding inputs in memory publish what they released. */
    private final List<Channel> inClientOut = new ArrayList<>();

    /** One processor reading one queue: its consuming channel, its publishing channel, its consumer tag while it takes messages. */
    private final class Client {
        final Processor processor;
        final String queueId;
        final Channel in;
        final Channel out;
        final DefaultConsumer handler;
        /** For a processor that holds inputs: how many it processes now, and the deliveries waiting for a turn. */
        final boolean holds;
        int processing;
        final java.util.ArrayDeque<Runnable> turns = new java.util.ArrayDeque<>();
        String tag;

        Client(Processor processor, String queueId) throws IOException {
            this.processor = processor;
            this.queueId = queueId;
            this.holds = ProcessorStage.holds(processor);
            this.in = connection.createChannel();
            in.basicQos(holds ? processor.concurrency() + ProcessorStage.heldLimit(processor) : stage.concurrency(processor.id()));
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
     * consuming yet, with their own timer of {@code threads} threads, passing what goes to an
     * endpoint or a message store to {@code endpoints}; {@link #close} ends it.
     */
    ProcessorClients(Flow flow, Connection connection, LiveLedger ledger, long seed, int threads,
                     BooleanSupplier stopping, LiveEndpoints endpoints) throws IOException {
        this.flow = flow;
        this.connection = connection;
        this.ledger = ledger;
        this.endpoints = endpoints;
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
        for (Client c : clients) {
            if (c.holds && c.processor.timeout() != null && !c.processor.timeout().isZero()) {
                timer.scheduleWithFixedDelay(() -> expire(c), EXPIRE_MS, EXPIRE_MS, TimeUnit.MILLISECONDS);
            }
        }
        for (Node n : flow.nodes()) {
            if (n instanceof Processor p && ProcessorStage.holdsInClient(flow, p) && p.timeout() != null
                    && !p.timeout().isZero()) {
                Channel out = connection.createChannel();
                out.confirmSelect();
                inClientOut.add(out);
                timer.scheduleWithFixedDelay(() -> expireInClient(p, out), EXPIRE_MS, EXPIRE_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Publishes what the timeout of aggregator or resequencer {@code p}, which holds its inputs in
     * this client's memory (fed by a source or a consumer), released, on confirm channel
     * {@code out}; an output the broker did not confirm is lost with the client's memory, dropped
     * at the processor.
     */
    private void expireInClient(Processor p, Channel out) {
        if (stopping.getAsBoolean()) {
            return;
        }
        ProcessorStage.Result r = stage.expire(p.id(), System.nanoTime());
        if (r.outputs().isEmpty() && r.local().isEmpty()) {
            return;
        }
        NodeTally me = ledger.tally(p.id());
        me.busy.incrementAndGet();
        try {
            synchronized (out) {
                for (ProcessorStage.Output o : r.outputs()) {
                    Destination d = destination(o);
                    out.basicPublish(d.exchange(), d.key(), properties(null, o.item()), bytes(o.item(), null, null));
                }
                out.waitForConfirmsOrDie(CONFIRM_MS);
            }
            r.outputs().forEach(o -> ledger.forwarded(p.id(), o.edge().to()));
            endpoints.fromProcessor(p.id(), List.of(), r.local(), null);
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            me.dropped.addAndGet(r.outputs().size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            me.dropped.addAndGet(r.outputs().size());
        } finally {
            me.busy.decrementAndGet();
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
        inClientOut.forEach(ProcessorClients::closeQuietly);
    }

    private void delivered(Client c, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
        long now = System.nanoTime();
        Map<String, Object> headers = props.getHeaders() == null ? Map.of() : props.getHeaders();
        String messageId = props.getMessageId() != null ? props.getMessageId() : "tag-" + envelope.getDeliveryTag();
        // The account tells a source's duplicate and a message sent back by a retrying dead-letter queue apart from the original.
        String id = LiveMessages.ledgerId(messageId, headers.get(LiveRun.COPY_HEADER), headers.get(RabbitRetrier.RETRY_HEADER),
                headers.get(LiveMessages.LEG_HEADER));
        Long t0 = headers.get(LiveRun.TIME_HEADER) instanceof Long t ? t : null;
        int attempt = ledger.delivered(c.queueId, c.processor.id(), id, t0, now);
        ProcessorStage.Receipt receipt = new ProcessorStage.Receipt(id, t0, attempt, envelope.getDeliveryTag());
        // The modelled routing key travels only through a topic's exchange; the default exchange's key is the queue's name.
        String key = envelope.getExchange().isEmpty() ? null : envelope.getRoutingKey();
        ProcessorStage.Item item = new ProcessorStage.Item(messageId, new String(body, StandardCharsets.UTF_8), body.length,
                headers, key);
        Runnable start = () -> process(c, props, body, item, receipt, System.nanoTime());
        if (c.holds) {
            synchronized (c) {
                if (c.processing >= Math.max(1, c.processor.concurrency())) {
                    c.turns.add(start); // the prefetch lets a group fill; concurrency still bounds the processing
                    return;
                }
                c.processing++;
            }
        }
        start.run();
    }

    /** Holds one delivery for the processing time, then runs it through the stage and publishes what comes out. */
    private void process(Client c, AMQP.BasicProperties props, byte[] body, ProcessorStage.Item item,
                         ProcessorStage.Receipt receipt, long started) {
        NodeTally me = ledger.tally(c.processor.id());
        me.busy.incrementAndGet();
        long hold = Math.round(stage.holdSeconds(c.processor.id()) * 1e9);
        Runnable processed = () -> {
            if (stopping.getAsBoolean() || !c.in.isOpen()) {
                nextTurn(c);
                done(c, me, List.of(receipt), started, () -> { });
                return;
            }
            ProcessorStage.Result r = stage.process(c.processor.id(), item, receipt, System.nanoTime());
            nextTurn(c);
            Runnable publish = () -> done(c, me, r.settles(), started, () -> publishAndAck(c, props, body, item, r));
            schedule(publish, Math.round(r.laterSeconds() * 1e9));
        };
        schedule(processed, hold);
    }

    /** A processor that holds inputs finished processing one: the next delivery waiting for a turn starts. */
    private void nextTurn(Client c) {
        if (!c.holds) {
            return;
        }
        Runnable next;
        synchronized (c) {
            next = c.turns.poll();
            if (next == null) {
                c.processing--;
            }
        }
        if (next != null) {
            try {
                timer.execute(next); // not here: with no processing time a long line of turns would nest this deep
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // The run closed its clients: the channel gives the delivery back.
            }
        }
    }

    /** Publishes what an aggregator's or a resequencer's timeout released, and acknowledges the inputs it held. */
    private void expire(Client c) {
        if (stopping.getAsBoolean() || !c.in.isOpen()) {
            return;
        }
        ProcessorStage.Result r = stage.expire(c.processor.id(), System.nanoTime());
        if (r.outputs().isEmpty() && r.settles().isEmpty()) {
            return;
        }
        NodeTally me = ledger.tally(c.processor.id());
        me.busy.incrementAndGet();
        Runnable publish = () -> done(c, me, r.settles(), NOT_PROCESSED, () -> publishAndAck(c, null, null, null, r));
        schedule(publish, Math.round(r.laterSeconds() * 1e9));
    }

    private void schedule(Runnable task, long nanos) {
        if (nanos <= 0) {
            task.run();
        } else {
            timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Runs {@code work}, which settles {@code settles}, unless the run stops or the channel is gone
     * (the broker has those inputs back then, and what the stage holds too); counts the time in the
     * processor since {@code started} ({@link #NOT_PROCESSED}: a timeout released them).
     */
    private void done(Client c, NodeTally me, List<ProcessorStage.Receipt> settles, long started, IoWork work) {
        try {
            if (started != NOT_PROCESSED) {
                ledger.processed(c.processor.id(), started, System.nanoTime());
            }
            if (stopping.getAsBoolean()) {
                return; // unacknowledged: closing the channel gives them back (the ledger counts what is in hand so)
            }
            if (!c.in.isOpen()) {
                abandon(c, settles);
                return;
            }
            work.run();
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            // Lost with the connection, or not confirmed: unacknowledged, the broker delivers them again.
            abandon(c, settles);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            me.busy.decrementAndGet();
        }
    }

    /** The broker gives {@code settles} back, and with them whatever the stage holds of this processor. */
    private void abandon(Client c, List<ProcessorStage.Receipt> settles) {
        List<ProcessorStage.Receipt> all = new ArrayList<>(settles);
        if (c.holds) {
            all.addAll(stage.forget(c.processor.id()));
        }
        for (ProcessorStage.Receipt r : all) {
            ledger.abandoned(c.processor.id(), c.queueId, r.ledgerId(), r.attempt());
        }
    }

    @FunctionalInterface
    private interface IoWork {
        void run() throws IOException, java.util.concurrent.TimeoutException, InterruptedException;
    }

    /**
     * Publishes {@code r}'s outputs, waits for their confirms, then acknowledges the inputs they
     * settle. {@code props} and {@code body} are those of input {@code in} (null after a timeout):
     * an output that is the input itself goes on with its body.
     */
    private void publishAndAck(Client c, AMQP.BasicProperties props, byte[] body, ProcessorStage.Item in,
                               ProcessorStage.Result r)
            throws IOException, java.util.concurrent.TimeoutException, InterruptedException {
        if (!r.outputs().isEmpty()) {
            synchronized (c.out) {
                for (ProcessorStage.Output o : r.outputs()) {
                    Destination d = destination(o);
                    c.out.basicPublish(d.exchange(), d.key(), properties(props, o.item()), bytes(o.item(), in, body));
                }
                c.out.waitForConfirmsOrDie(CONFIRM_MS);
            }
            for (ProcessorStage.Output o : r.outputs()) {
                ledger.forwarded(c.processor.id(), o.edge().to());
            }
        }
        // Before the acknowledgements: a lost one delivers the input again, and the endpoints take it once.
        endpoints.fromProcessor(c.processor.id(), ledgerIds(r.settles()), r.local(),
                r.settles().isEmpty() ? null : r.settles().getFirst().t0());
        for (ProcessorStage.Receipt settled : r.settles()) {
            c.in.basicAck(settled.deliveryTag(), false);
            ledger.acknowledged(c.processor.id(), c.queueId, settled.ledgerId(), settled.t0(), System.nanoTime());
        }
    }

    /** The ledger ids of the inputs {@code receipts} settle. */
    static List<String> ledgerIds(List<ProcessorStage.Receipt> receipts) {
        return receipts.stream().map(ProcessorStage.Receipt::ledgerId).toList();
    }

    /** The endpoints and message stores the processors pass to, played in this client. */
    LiveEndpoints endpoints() {
        return endpoints;
    }

    /** Where an output goes: the default exchange with a queue's name, or a topic's exchange with the edge's key, else the item's. */
    record Destination(String exchange, String key) {
    }

    /** The stage the processors run in, which a source wired straight to a processor runs its messages through too. */
    ProcessorStage stage() {
        return stage;
    }

    /** Where output {@code o} is published. */
    Destination destination(ProcessorStage.Output o) {
        Node to = flow.node(o.edge().to()).orElseThrow();
        if (to instanceof Topic t) {
            String key = o.edge().key() != null ? o.edge().key() : o.item().routingKey() != null ? o.item().routingKey() : "";
            return new Destination(t.name(), key);
        }
        return new Destination("", ledger.queueName(to.id()));
    }

    /** The properties of an output {@code item}: those of the input ({@code base}, null: none), its own id and headers, persistent. */
    static AMQP.BasicProperties properties(AMQP.BasicProperties base, ProcessorStage.Item item) {
        Map<String, Object> headers = new HashMap<>(item.headers());
        headers.put(LiveRun.ID_HEADER, item.id());
        AMQP.BasicProperties from = base != null ? base : new AMQP.BasicProperties.Builder().build();
        return from.builder().messageId(item.id()).headers(headers).deliveryMode(2).build();
    }

    /** The body of an output {@code item}: the input's {@code body} when it is input {@code in} itself, else its own. */
    static byte[] bytes(ProcessorStage.Item item, ProcessorStage.Item in, byte[] body) {
        return item == in ? body : item.body() == null ? new byte[item.size()] : item.body().getBytes(StandardCharsets.UTF_8);
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
