// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import dev.pipewright.brokers.live.LiveBackend;
import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.brokers.live.LiveSession;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import java.util.List;
import java.util.Objects;

/**
 * The {@link LiveBackend} on a Kafka cluster ({@link KafkaLiveRun}): named {@value #NAME}. The app
 * makes it with the bootstrap servers the user names; pause, rates, floods, pausing a consumer,
 * its number of instances (members joining and leaving the group) and crashing and restoring a
 * member work while it runs. The run's topics and groups are deleted when it is reset or closed.
 */
public final class KafkaBackend extends LiveBackend {
    /** The backend's name. */
    public static final String NAME = "kafka";
    /** Where the backend found by name runs: a local broker's default listener. */
    public static final String LOCAL = "127.0.0.1:9092";

    private final KafkaTarget target;

    /** A backend on a local Kafka ({@value #LOCAL}); connects at the first start. */
    public KafkaBackend() {
        this(KafkaTarget.parse(LOCAL));
    }

    /** A backend on {@code target}; connects at the first start. */
    public KafkaBackend(KafkaTarget target) {
        super(true);
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String address() {
        return "Kafka at " + target;
    }

    @Override
    public List<Finding> check(Flow flow) {
        return withRunChecks(flow, KafkaLiveRun.check(flow));
    }

    @Override
    protected LiveSession declare(Flow flow) throws LiveFailure {
        return KafkaLiveRun.declare(flow, target);
    }
}
