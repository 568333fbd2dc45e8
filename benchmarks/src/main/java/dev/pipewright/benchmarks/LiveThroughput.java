// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.benchmarks;

import dev.pipewright.brokers.artemis.ArtemisBackend;
import dev.pipewright.brokers.artemis.ArtemisTarget;
import dev.pipewright.brokers.live.LiveBackend;
import dev.pipewright.brokers.rabbitmq.RabbitBackend;
import dev.pipewright.brokers.rabbitmq.RabbitTarget;
import dev.pipewright.engine.api.RunLimits;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Limits;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One round of the live benchmark (benchmarks/live/run): a source at the highest rate the model
 * allows (so it publishes as fast as the broker takes), one queue, one consumer instance with
 * processing time 0, run through the app's own backend ({@link RabbitBackend} or
 * {@link ArtemisBackend}), which samples a live snapshot every {@value LiveBackend#SAMPLE_MS} ms
 * as it does under the app's animation. Prints the consumer's steady rate: the messages it
 * completed between the snapshot after the warm-up and the last one, over the time between them.
 *
 * <p>Arguments, each {@code key=value}: {@code broker=rabbitmq|artemis}, {@code uri=} (amqp://...,
 * tcp://... or embedded), {@code seconds=} measured, {@code warmup=} seconds, {@code size=} body
 * bytes, {@code prefetch=}, {@code ack=auto|manual}, {@code confirms=true|false}.
 */
public final class LiveThroughput {
    private LiveThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>(Map.of("broker", "rabbitmq", "uri", RabbitBackend.LOCAL,
                "seconds", "20", "warmup", "5", "size", "1000", "prefetch", "200", "ack", "manual", "confirms", "true"));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0 || !a.containsKey(arg.substring(0, eq))) {
                throw new IllegalArgumentException("unknown argument " + arg + "; expected key=value with a key of "
                        + a.keySet());
            }
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        boolean rabbit = a.get("broker").equals("rabbitmq");
        LiveBackend backend = rabbit
                ? new RabbitBackend(RabbitTarget.parse(a.get("uri"), System.getenv(RabbitTarget.PASSWORD_VARIABLE)), true)
                : new ArtemisBackend(ArtemisTarget.parse(a.get("uri"), System.getenv(ArtemisTarget.PASSWORD_VARIABLE)), true);
        Flow flow = flow(Integer.parseInt(a.get("size")), Integer.parseInt(a.get("prefetch")),
                a.get("ack").equals("auto") ? Consumer.AckMode.AUTO : Consumer.AckMode.MANUAL,
                Boolean.parseBoolean(a.get("confirms")));
        long warmupMs = Math.round(Double.parseDouble(a.get("warmup")) * 1000);
        long measureMs = Math.round(Double.parseDouble(a.get("seconds")) * 1000);
        backend.start(flow, 42, RunLimits.INTERACTIVE);
        try {
            while (backend.latest() == null) {
                failed(backend);
                Thread.sleep(10);
            }
            backend.play();
            Thread.sleep(warmupMs);
            Snapshot from = backend.latest();
            Thread.sleep(measureMs);
            Snapshot to = backend.latest();
            failed(backend);
            long done = to.node("consumer").completed() - from.node("consumer").completed();
            double seconds = to.time() - from.time();
            System.out.printf(Locale.ROOT, "pipewright %s msg/s=%.0f completed=%d seconds=%.2f (snapshots at %.2f s and %.2f s) published=%d%n",
                    a.get("broker"), done / seconds, done, seconds, from.time(), to.time(), to.node("source").out());
            backend.pause();
        } finally {
            backend.close();
            // close() deletes the queue on the backend's thread and then clears the latest snapshot.
            while (backend.latest() != null) {
                Thread.sleep(10);
            }
        }
    }

    private static void failed(LiveBackend backend) {
        if (backend.failure() != null) {
            throw new IllegalStateException(backend.failure().getMessage(), backend.failure());
        }
    }

    /** source (max rate) -> queue (a fresh name) -> consumer (1 instance, no processing time). */
    static Flow flow(int size, int prefetch, Consumer.AckMode ack, boolean confirms) {
        Node source = Source.of("source", "source", Position.ORIGIN)
                .with("rate", Limits.MAX_RATE)
                .with("arrival", Source.Arrival.CONSTANT)
                .with("payloadSize", size)
                .with("confirms", confirms);
        Node queue = Queue.of("queue", "pw-bench-" + Long.toString(System.nanoTime(), 36), Position.ORIGIN);
        Node consumer = Consumer.of("consumer", "consumer", Position.ORIGIN)
                .with("instances", 1)
                .with("prefetch", prefetch)
                .with("ackMode", ack)
                .with("processingTime", Distribution.constant(Duration.ZERO));
        return new Flow(new FlowInfo("live throughput", ""), List.of(source, queue, consumer),
                List.of(Edge.of("publish", "source", Port.OUT, "queue"), Edge.of("consume", "queue", Port.OUT, "consumer")));
    }
}
