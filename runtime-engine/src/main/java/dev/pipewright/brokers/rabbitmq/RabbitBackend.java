// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import dev.pipewright.brokers.live.LiveBackend;
import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.brokers.live.LiveSession;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import java.util.List;
import java.util.Objects;

/**
 * The {@link LiveBackend} on a real RabbitMQ ({@link LiveRun}): named {@value #NAME}. Made by
 * {@link dev.pipewright.engine.api.RunBackends#named} it runs on the local broker
 * (amqp://guest@127.0.0.1:5672, virtual host "/", the password from
 * {@value RabbitTarget#PASSWORD_VARIABLE} or guest); the app makes it with the target the user names.
 */
public final class RabbitBackend extends LiveBackend {
    /** The backend's name. */
    public static final String NAME = "rabbitmq";
    /** The broker the backend made without a target runs on. */
    public static final String LOCAL = "amqp://guest@127.0.0.1:5672/%2F";

    private final RabbitTarget target;

    /** A backend on the local RabbitMQ that leaves what it declared on the broker; connects at the first start. */
    public RabbitBackend() {
        this(RabbitTarget.parse(LOCAL, Objects.requireNonNullElse(System.getenv(RabbitTarget.PASSWORD_VARIABLE), "guest")),
                false);
    }

    /**
     * @param target the broker and login
     * @param teardownOnClose whether {@link #close} deletes the exchanges and queues the run declared
     */
    public RabbitBackend(RabbitTarget target, boolean teardownOnClose) {
        super(teardownOnClose);
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String address() {
        return target.toString();
    }

    @Override
    public List<Finding> check(Flow flow) {
        return withRunChecks(flow, LiveRun.check(flow));
    }

    @Override
    protected LiveSession declare(Flow flow) throws LiveFailure {
        return LiveRun.declare(flow, target);
    }
}
