// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.nats;

import dev.pipewright.model.Flow;
import dev.pipewright.model.config.Exported;
import java.time.Duration;

/**
 * NATS JetStream definitions: for each queue of a flow the stream it is under the NATS profile, for
 * each topic a stream of its own that the queues bound to it source, and for each consumer node
 * reading a queue a durable pull consumer. Each entry of {@code streams} is a stream configuration as
 * {@code nats stream add --config FILE} and the JetStream API ({@code $JS.API.STREAM.CREATE}) take it;
 * each entry of {@code consumers} names its {@code stream} and holds in {@code config} what
 * {@code nats consumer add STREAM --config FILE} takes. Durations are nanoseconds, as the API has them.
 *
 * <p>The topics' streams come first, in the flow's order, then the queues', in the flow's order. A
 * queue's stream captures one subject, its name. A topic's stream, {@code topic-NAME}, captures
 * {@code t.NAME} and every subject below it (limits retention, in memory, the oldest discarded past
 * {@link #TOPIC_MAX_AGE}, {@link #TOPIC_MAX_MSGS} or {@link #TOPIC_MAX_BYTES}); each queue bound to
 * it lists it in its {@code sources} with the binding's {@code filter_subject}: {@code t.NAME.KEY} for
 * topic routing ({@code *} one token, {@code >} the rest) and direct routing, none for fanout. So no
 * two streams capture one subject (JetStream refuses that), and the server copies a message to each
 * queue whose filter matches. A live run on NATS creates exactly these, under its own prefix.
 */
public final class NatsStreams {
    /** How long a topic's stream keeps what it captured: its bound queues source it within milliseconds. */
    public static final Duration TOPIC_MAX_AGE = Duration.ofMinutes(5);
    /**
     * Most messages a topic's stream keeps (discarding the oldest), so a long fast run does not fill
     * the server's memory with copies its queues sourced long ago.
     */
    public static final long TOPIC_MAX_MSGS = 100_000;
    /** Most bytes a topic's stream keeps, discarding the oldest. */
    public static final long TOPIC_MAX_BYTES = 64L * 1024 * 1024;

    private NatsStreams() {
    }

    /**
     * The flow as a JSON document {@code {"streams": [...], "consumers": [...]}}. The warnings name
     * what JetStream cannot hold, as {@code check --target nats} does, each name changed to fit
     * NATS's rules, and a queue bound twice to one topic (a stream sources another once).
     */
    public static Exported write(Flow flow) {
        return new StreamConfigWriter(flow).write();
    }
}
