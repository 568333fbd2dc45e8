// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import dev.pipewright.model.Source;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One source of a live run on its own thread: publishes at the modelled rate and arrival
 * (constant, Poisson, bursts) until its message limit, the deadline or the stop signal, with the
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

    SourcePublisher(Source source, List<Route> routes, Channel channel, NodeTally tally, long seed, long deadline,
                    BooleanSupplier stop) {
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
        if (routes.isEmpty() || !(source.rate() > 0)) {
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
        long limit = source.messageLimit() == null ? Long.MAX_VALUE : source.messageLimit();
        long next = System.nanoTime();
        long seq = 0;
        try {
            while (seq < limit && !stop.getAsBoolean()) {
                int burst = source.arrival() == Source.Arrival.BURSTS ? source.burstSize() : 1;
                for (int i = 0; i < burst && seq < limit; i++) {
                    publish(++seq);
                }
                double gap = burst / source.rate();
                if (source.arrival() == Source.Arrival.POISSON) {
                    gap = -Math.log(1 - rng.nextDouble()) / source.rate();
                }
                next += Math.round(gap * 1e9);
                if (next > deadline) {
                    return;
                }
                // Pacing on the source's own thread: nothing else waits on it.
                long wait;
                while ((wait = next - System.nanoTime()) > 0 && !stop.getAsBoolean()) {
                    LockSupport.parkNanos(wait);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The channel closed (the run ends or the broker went away): the counts say how far it got.
        }
    }

    private final java.util.NavigableSet<Long> unconfirmed = new java.util.concurrent.ConcurrentSkipListSet<>();

    private void count(java.util.concurrent.atomic.AtomicLong counter, long tag, boolean multiple) {
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
            String key = r.key() != null ? r.key() : source.routingKeys().isEmpty() ? ""
                    : source.routingKeys().get(rng.nextInt(source.routingKeys().size()));
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .messageId(source.id() + "-" + seq)
                    .headers(headers)
                    .priority(priority())
                    .deliveryMode(2)
                    .timestamp(new java.util.Date())
                    .build();
            if (source.confirms()) {
                unconfirmed.add(channel.getNextPublishSeqNo());
            }
            channel.basicPublish(r.exchange(), key, props, LiveRun.body(source, seq));
            tally.published.incrementAndGet();
        }
    }

    private Integer priority() {
        if (source.priorityMix().isEmpty()) {
            return null;
        }
        double total = source.priorityMix().values().stream().mapToDouble(Double::doubleValue).sum();
        if (!(total > 0)) {
            return null;
        }
        double pick = rng.nextDouble() * total;
        Integer last = null;
        for (Map.Entry<Integer, Double> e : source.priorityMix().entrySet()) {
            last = e.getKey();
            pick -= e.getValue();
            if (pick < 0) {
                return e.getKey();
            }
        }
        return last;
    }
}
