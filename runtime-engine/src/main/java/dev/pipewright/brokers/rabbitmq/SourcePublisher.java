// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ShutdownSignalException;
import dev.pipewright.brokers.live.LiveEndpoints;
import dev.pipewright.brokers.live.LiveLedger;
import dev.pipewright.brokers.live.LiveMessages;
import dev.pipewright.brokers.live.LivePayload;
import dev.pipewright.brokers.live.Modelled;
import dev.pipewright.brokers.live.NodeTally;
import dev.pipewright.brokers.live.ProcessorStage;
import dev.pipewright.brokers.live.SourcePacing;
import dev.pipewright.model.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One source of a live run on its own thread: publishes at the modelled rate and arrival
 * ({@link SourcePacing}) until its message limit, the deadline or the stop signal, with the
 * modelled headers, priority mix and routing keys; with confirms it counts each publish confirmed
 * or nacked by the broker.
 *
 * <p>When its connection is lost it takes a new channel from the {@link PublisherLink} and
 * publishes again every message the old channel had not had confirmed: such a message may have
 * reached its queue already, so it may be delivered twice (at-least-once; the ledger counts the
 * second delivery of an id as a duplicate). At most {@link #MAX_UNCONFIRMED} messages wait for
 * their confirm; the source waits when that many do, so a broker that stops confirming cannot
 * fill the memory.
 */
final class SourcePublisher implements Runnable {
    /** How many publishes may wait for their confirm before the source waits. */
    static final int MAX_UNCONFIRMED = 10_000;

    /**
     * One edge's destination: an exchange ("" is the default one) and a routing key (null: the
     * source's); or a processor wired straight from the source ({@code processorId}, else null),
     * which runs in this client and publishes what comes out; or an endpoint wired straight from
     * the source ({@code endpointId}, else null), which this client hands the message to.
     */
    record Route(String exchange, String key, Map<String, String> headers, String processorId, String endpointId) {
        Route(String exchange, String key, Map<String, String> headers) {
            this(exchange, key, headers, null, null);
        }

        Route(String exchange, String key, Map<String, String> headers, String processorId) {
            this(exchange, key, headers, processorId, null);
        }

        static Route toEndpoint(String endpointId) {
            return new Route(null, null, Map.of(), null, endpointId);
        }
    }

    /**
     * A publish kept until the broker confirms it, to send again on a new channel; {@code via} the
     * processor whose output it is (null: the source's own message), to node {@code to}.
     */
    private record Pending(String exchange, String key, AMQP.BasicProperties props, byte[] body, String via, String to) {
        Pending(String exchange, String key, AMQP.BasicProperties props, byte[] body) {
            this(exchange, key, props, body, null, null);
        }
    }

    private final Source source;
    private final List<Route> routes;
    private final PublisherLink link;
    private final NodeTally tally;
    private final Random rng;
    private final long deadline;
    private final BooleanSupplier stop;
    private final SourcePacing.Control control;
    private final LiveMessages messages;
    private final LivePayload payloads;
    private final ConcurrentSkipListMap<Long, Pending> unconfirmed = new ConcurrentSkipListMap<>();
    private volatile Channel channel;
    private volatile NeedsPermission refusal;
    /** The queue replies come back on (request/reply), or null; and who counts each request sent. */
    private String replyTo;
    private java.util.function.Consumer<String> requested = id -> { };
    /** The processors' clients, whose stage runs the messages of a route to a processor; null when no route goes to one. */
    private ProcessorClients processors;
    private LiveLedger ledger;
    /** The run's endpoints, which take the messages of a route to one; null when no route goes to one. */
    private LiveEndpoints endpoints;

    /** A source publishing at its own rate through {@code link}; its first channel is opened in {@link #run}. */
    SourcePublisher(Source source, List<Route> routes, PublisherLink link, NodeTally tally, long seed,
                    LivePayload payloads, long deadline, BooleanSupplier stop) {
        this(source, routes, link, tally, seed, payloads, deadline, stop, null);
    }

    /** As the other constructor, paced by {@code control} (null: at the source's rate). */
    SourcePublisher(Source source, List<Route> routes, PublisherLink link, NodeTally tally, long seed,
                    LivePayload payloads, long deadline, BooleanSupplier stop, SourcePacing.Control control) {
        this.control = control;
        this.payloads = payloads;
        this.source = source;
        this.messages = new LiveMessages(source);
        this.routes = routes;
        this.link = link;
        this.tally = tally;
        this.rng = new Random(seed);
        this.deadline = deadline;
        this.stop = stop;
    }

    /** Makes each message a request whose replies come back on queue {@code queueName} (reply_to), counted by {@code onRequest}. */
    SourcePublisher requests(String queueName, java.util.function.Consumer<String> onRequest) {
        this.replyTo = queueName;
        this.requested = onRequest;
        return this;
    }

    /** Runs the messages of a route to a processor through {@code clients}' stage, counting its outputs in {@code account}. */
    SourcePublisher throughProcessors(ProcessorClients clients, LiveLedger account) {
        this.processors = clients;
        this.ledger = account;
        return this;
    }

    /** Hands the messages of a route to an endpoint to {@code played}. */
    SourcePublisher toEndpoints(LiveEndpoints played) {
        this.endpoints = played;
        return this;
    }

    @Override
    public void run() {
        if (routes.isEmpty()) {
            return;
        }
        try {
            open();
            SourcePacing.run(source, control, rng, deadline, stop, this::publish);
            awaitConfirms();
        } catch (Exception e) {
            // No connection came back in time, or the run ends: the counts say how far it got.
        } finally {
            Channel ch = channel;
            if (ch != null) {
                try {
                    if (ch.isOpen()) {
                        ch.close();
                    }
                } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
                    // Best effort, as the connection's close.
                }
            }
        }
    }

    /** A new channel, with a confirm listener that counts only its own channel's confirms. */
    private void open() throws IOException {
        Channel ch = link.channel(source.confirms(), stop);
        if (source.confirms()) {
            ch.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long tag, boolean multiple) {
                    count(ch, tally.confirmed, tag, multiple);
                }

                @Override
                public void handleNack(long tag, boolean multiple) {
                    count(ch, tally.nacked, tag, multiple);
                }
            });
        }
        channel = ch;
    }

    private void count(Channel from, AtomicLong counter, long tag, boolean multiple) {
        synchronized (unconfirmed) {
            if (from != channel) {
                return; // a late confirm of a lost channel: its messages were published again
            }
            if (multiple) {
                var head = unconfirmed.headMap(tag, true);
                head.values().forEach(p -> settled(p, counter));
                head.clear();
            } else {
                Pending p = unconfirmed.remove(tag);
                if (p != null) {
                    settled(p, counter);
                }
            }
            unconfirmed.notifyAll();
        }
    }

    private void publish(long seq) throws IOException {
        Integer priority = messages.priority(seq, rng);
        java.time.Duration ttl = messages.ttl(seq);
        // One payload per message, as the simulator makes it: every route gets the same body.
        byte[] body = payloads.body(payloads.text(seq));
        boolean twice = messages.duplicated(seq, rng);
        if (replyTo != null) {
            requested.accept(source.id() + "-" + seq);
        }
        publish(seq, priority, ttl, body, 1);
        if (twice) {
            // The duplicate, sent for real right after: same message id, its copy number in a header.
            publish(seq, priority, ttl, body, 2);
        }
    }

    private void publish(long seq, Integer priority, java.time.Duration ttl, byte[] body, int copy) throws IOException {
        for (Route r : routes) {
            if (r.endpointId() != null) {
                endpoints.fromSource(source, tally, r.endpointId(), System.nanoTime());
                continue;
            }
            Map<String, Object> headers = new HashMap<>(messages.headers(seq));
            headers.putAll(r.headers());
            headers.put(LiveRun.ID_HEADER, source.id() + "-" + seq);
            headers.put(LiveRun.TIME_HEADER, System.nanoTime());
            if (copy > 1) {
                headers.put(LiveRun.COPY_HEADER, copy);
            }
            String key = messages.routingKey(r.key(), seq);
            if (r.processorId() != null) {
                through(r.processorId(), seq, priority, ttl, body, headers, key);
                continue;
            }
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .messageId(source.id() + "-" + seq)
                    .replyTo(replyTo)
                    .headers(headers)
                    .priority(priority)
                    .expiration(ttl == null ? null : Long.toString(ttl.toMillis()))
                    .deliveryMode(2)
                    .timestamp(new java.util.Date())
                    .build();
            send(new Pending(r.exchange(), key, props, body));
            tally.published.incrementAndGet();
        }
    }

    /**
     * Message {@code seq} through processor {@code processorId} (a route to it): the stage decides,
     * and what comes out is published on this source's channel, with its confirms, as the
     * processor's; its outputs count at the processor once confirmed (at once without confirms).
     * What it passes to an endpoint or a message store is handed to them here.
     */
    private void through(String processorId, long seq, Integer priority, java.time.Duration ttl, byte[] body,
                         Map<String, Object> headers, String key) throws IOException {
        String id = source.id() + "-" + seq;
        ProcessorStage.Item in = new ProcessorStage.Item(id, new String(body, StandardCharsets.UTF_8), body.length, headers,
                key.isEmpty() ? null : key);
        ProcessorStage.Result r = processors.stage().fromSource(source.id(), processorId, in);
        for (ProcessorStage.Output o : r.outputs()) {
            AMQP.BasicProperties base = new AMQP.BasicProperties.Builder().replyTo(replyTo).priority(priority)
                    .expiration(ttl == null ? null : Long.toString(ttl.toMillis())).timestamp(new java.util.Date()).build();
            ProcessorClients.Destination d = processors.destination(o);
            Pending p = new Pending(d.exchange(), d.key(), ProcessorClients.properties(base, o.item()),
                    ProcessorClients.bytes(o.item(), in, body), processorId, o.edge().to());
            send(p);
            if (!source.confirms()) {
                ledger.forwarded(processorId, o.edge().to());
            }
        }
        // What goes to an endpoint or a message store is played in this client, as the processor is.
        processors.endpoints().fromProcessor(processorId, List.of(), r.local(), null);
    }

    /** Publishes {@code p}, on a new channel when the connection was lost. */
    private void send(Pending p) throws IOException {
        while (true) {
            try {
                if (source.confirms()) {
                    awaitRoom();
                }
                publishOnChannel(p);
                return;
            } catch (IOException | ShutdownSignalException e) {
                if (stop.getAsBoolean()) {
                    throw e;
                }
                refused(e);
                reopen();
                if (source.confirms()) {
                    return; // p was among the unconfirmed, and reopen published it again
                }
                // Without confirms what the lost connection had sent is not known: p is sent again, the rest is lost.
            }
        }
    }

    /** Publishes {@code p} on the current channel, kept as unconfirmed until the broker confirms it (with confirms). */
    private void publishOnChannel(Pending p) throws IOException {
        if (source.confirms()) {
            synchronized (unconfirmed) {
                unconfirmed.put(channel.getNextPublishSeqNo(), p);
            }
        }
        channel.basicPublish(p.exchange(), p.key(), p.props(), p.body());
    }

    /**
     * The broker's refusal of this source's publishes (the channel closed by the broker while the
     * connection stays: a missing write permission, an exchange that is not there), or null.
     */
    NeedsPermission refusal() {
        return refusal;
    }

    /** Throws, and keeps for {@link #refusal}, when the broker closed the channel on its own: publishing again would not help. */
    private void refused(Exception e) throws NeedsPermission {
        ShutdownSignalException why = channel == null ? null : channel.getCloseReason();
        if (why != null && !why.isHardError() && !why.isInitiatedByApplication()) {
            refusal = new NeedsPermission("write", "publish to", why);
            throw refusal;
        }
    }

    /**
     * The broker confirmed or refused {@code p} ({@code counter}: the source's confirmed or nacked):
     * the source's own message counts there, a processor's output counts at the processor (forwarded,
     * or dropped when refused).
     */
    private void settled(Pending p, AtomicLong counter) {
        if (p.via() == null) {
            counter.incrementAndGet();
        } else if (counter == tally.confirmed) {
            ledger.forwarded(p.via(), p.to());
        } else {
            ledger.tally(p.via()).dropped.incrementAndGet();
        }
    }

    /** A new channel, and every unconfirmed message of the old one published again on it. */
    private void reopen() throws IOException {
        while (true) {
            List<Pending> again;
            synchronized (unconfirmed) {
                again = new ArrayList<>(unconfirmed.values());
                unconfirmed.clear();
                channel = null;
            }
            open();
            try {
                for (Pending p : again) {
                    publishOnChannel(p);
                }
                return;
            } catch (IOException | ShutdownSignalException e) {
                if (stop.getAsBoolean()) {
                    throw e;
                }
                refused(e);
                // Lost again while publishing them: once more, on another channel.
            }
        }
    }

    /** Waits while {@link #MAX_UNCONFIRMED} publishes wait for their confirm. */
    private void awaitRoom() throws IOException {
        synchronized (unconfirmed) {
            while (unconfirmed.size() >= MAX_UNCONFIRMED) {
                waitForConfirm();
            }
        }
    }

    /**
     * At the end: waits until the broker confirmed every publish, publishing again on a new channel
     * what a lost one had not, for up to {@link RabbitTarget#RECOVERY_BOUND} without a confirm.
     */
    private void awaitConfirms() throws IOException {
        if (!source.confirms()) {
            return;
        }
        long giveUp = System.nanoTime() + RabbitTarget.RECOVERY_BOUND.toNanos();
        while (System.nanoTime() < giveUp) {
            try {
                synchronized (unconfirmed) {
                    if (unconfirmed.isEmpty()) {
                        return;
                    }
                    int before = unconfirmed.size();
                    waitForConfirm();
                    if (unconfirmed.size() < before) {
                        giveUp = System.nanoTime() + RabbitTarget.RECOVERY_BOUND.toNanos();
                    }
                }
            } catch (IOException e) {
                reopen();
            }
        }
    }

    /** One short wait for a confirm; holds the lock of {@link #unconfirmed}. */
    private void waitForConfirm() throws IOException {
        Channel ch = channel;
        if (ch == null || !ch.isOpen()) {
            throw new IOException("the channel closed while publishes waited for their confirm");
        }
        try {
            unconfirmed.wait(50); // a confirm or a closed channel ends the wait; the bound re-checks the channel
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
