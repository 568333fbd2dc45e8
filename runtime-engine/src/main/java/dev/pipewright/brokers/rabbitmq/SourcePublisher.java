// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import dev.pipewright.brokers.live.Modelled;
import dev.pipewright.brokers.live.NodeTally;
import dev.pipewright.brokers.live.SourcePacing;
import dev.pipewright.model.Source;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One source of a live run on its own thread: publishes at the modelled rate and arrival
 * ({@link SourcePacing}) until its message limit, the deadline or the stop signal, with the
 * modelled headers, priority mix and routing keys; with confirms it counts each publish confirmed
 * or nacked by the broker.
 */
final class SourcePublisher implements Runnable {
    /** One edge's destination: an exchange ("" is the default one) and a routing key (null: the source's). */
    record Route(String exchange, String key, Map<String, String> headers) {
    }

    private final Source source;
    private final List<Route> routes;
    private final Channel channel;
    private final NodeTally tally;
    private final Random rng;
    private final long deadline;
    private final BooleanSupplier stop;
    private final SourcePacing.Control control;
    private final NavigableSet<Long> unconfirmed = new ConcurrentSkipListSet<>();

    SourcePublisher(Source source, List<Route> routes, Channel channel, NodeTally tally, long seed, long deadline,
                    BooleanSupplier stop) {
        this(source, routes, channel, tally, seed, deadline, stop, null);
    }

    /** As the other constructor, paced by {@code control} (null: at the source's rate). */
    SourcePublisher(Source source, List<Route> routes, Channel channel, NodeTally tally, long seed, long deadline,
                    BooleanSupplier stop, SourcePacing.Control control) {
        this.control = control;
        this.source = source;
        this.routes = routes;
        this.channel = channel;
        this.tally = tally;
        this.rng = new Random(seed);
        this.deadline = deadline;
        this.stop = stop;
    }

    @Override
    public void run() {
        if (routes.isEmpty()) {
            return;
        }
        if (source.confirms()) {
            channel.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long tag, boolean multiple) {
                    count(tally.confirmed, tag, multiple);
                }

                @Override
                public void handleNack(long tag, boolean multiple) {
                    count(tally.nacked, tag, multiple);
                }
            });
        }
        try {
            if (control == null) {
                SourcePacing.run(source, rng, deadline, stop, this::publish);
            } else {
                SourcePacing.run(source, control, rng, deadline, stop, this::publish);
            }
        } catch (Exception e) {
            // The channel closed (the run ends or the broker went away): the counts say how far it got.
        }
    }

    private void count(AtomicLong counter, long tag, boolean multiple) {
        if (multiple) {
            var head = unconfirmed.headSet(tag, true);
            counter.addAndGet(head.size());
            head.clear();
        } else if (unconfirmed.remove(tag)) {
            counter.incrementAndGet();
        }
    }

    private void publish(long seq) throws IOException {
        for (Route r : routes) {
            Map<String, Object> headers = new HashMap<>(source.headers());
            headers.putAll(r.headers());
            headers.put(LiveRun.ID_HEADER, source.id() + "-" + seq);
            headers.put(LiveRun.TIME_HEADER, System.nanoTime());
            String key = Modelled.routingKey(source, r.key(), seq);
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .messageId(source.id() + "-" + seq)
                    .headers(headers)
                    .priority(Modelled.priority(source, rng))
                    .deliveryMode(2)
                    .timestamp(new java.util.Date())
                    .build();
            if (source.confirms()) {
                unconfirmed.add(channel.getNextPublishSeqNo());
            }
            channel.basicPublish(r.exchange(), key, props, Modelled.body(source, seq));
            tally.published.incrementAndGet();
        }
    }
}
