// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import dev.pipewright.brokers.live.LiveBackend;
import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.brokers.live.LiveSession;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import java.util.List;
import java.util.Objects;

/**
 * The {@link LiveBackend} on a NATS server with JetStream ({@link NatsLiveRun}): named
 * {@value #NAME}. The app makes it with the server URL the user names; pause, rates, floods,
 * pausing a consumer, its number of instances and crashing and restoring an instance work while
 * it runs. The run's streams (and with them their durable consumers) are deleted when it is reset
 * or closed.
 */
public final class NatsBackend extends LiveBackend {
    /** The backend's name. */
    public static final String NAME = "nats";

    private final NatsTarget target;

    /** A backend on a local server ({@value NatsTarget#LOCAL}); connects at the first start. */
    public NatsBackend() {
        this(NatsTarget.parse(NatsTarget.LOCAL));
    }

    /** A backend on {@code target}; connects at the first start. */
    public NatsBackend(NatsTarget target) {
        super(true);
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String address() {
        return "NATS server at " + target;
    }

    @Override
    public List<Finding> check(Flow flow) {
        return withRunChecks(flow, NatsLiveRun.check(flow));
    }

    @Override
    protected LiveSession declare(Flow flow) throws LiveFailure {
        return NatsLiveRun.declare(flow, target);
    }
}
