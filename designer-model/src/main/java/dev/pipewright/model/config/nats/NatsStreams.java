// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.nats;

import dev.pipewright.model.Flow;
import dev.pipewright.model.config.Exported;

/**
 * NATS JetStream definitions: for each queue of a flow the stream it is under the NATS profile, and
 * for each consumer node reading it a durable pull consumer. Each entry of {@code streams} is a
 * stream configuration as {@code nats stream add --config FILE} and the JetStream API
 * ({@code $JS.API.STREAM.CREATE}) take it; each entry of {@code consumers} names its {@code stream}
 * and holds in {@code config} what {@code nats consumer add STREAM --config FILE} takes. Durations
 * are nanoseconds, as the API has them.
 */
public final class NatsStreams {
    private NatsStreams() {
    }

    /**
     * The flow as a JSON document {@code {"streams": [...], "consumers": [...]}}. The warnings name
     * what JetStream cannot hold, as {@code check --target nats} does, each name changed to fit
     * NATS's rules, and subjects that two streams would share (the server refuses the second).
     */
    public static Exported write(Flow flow) {
        return new StreamConfigWriter(flow).write();
    }
}
