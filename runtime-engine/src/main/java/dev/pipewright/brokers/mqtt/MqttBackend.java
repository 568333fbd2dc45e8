// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.mqtt;

import dev.pipewright.brokers.live.LiveBackend;
import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.brokers.live.LiveSession;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import java.util.List;
import java.util.Objects;

/**
 * The {@link LiveBackend} on an MQTT broker ({@link MqttLiveRun}): named {@value #NAME}. The app
 * makes it with the broker the user names; pause, rates, floods, pausing a consumer and crashing
 * and restoring an instance (its connection dropped without a DISCONNECT) work while it runs.
 */
public final class MqttBackend extends LiveBackend {
    /** The backend's name. */
    public static final String NAME = "mqtt";

    private final MqttTarget target;

    /** A backend on the local Mosquitto ({@value MqttTarget#LOCAL}); connects at the first start. */
    public MqttBackend() {
        this(MqttTarget.parse(MqttTarget.LOCAL, null));
    }

    /** A backend on {@code target}; connects at the first start. */
    public MqttBackend(MqttTarget target) {
        // What a run leaves (retained messages, persistent sessions) is removed as each session ends.
        super(true);
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
        return withRunChecks(flow, MqttLiveRun.check(flow));
    }

    @Override
    protected LiveSession declare(Flow flow) throws LiveFailure {
        return MqttLiveRun.declare(flow, target);
    }
}
