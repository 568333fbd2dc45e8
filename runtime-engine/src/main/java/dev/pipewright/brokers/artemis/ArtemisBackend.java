// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import dev.pipewright.brokers.live.LiveBackend;
import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.brokers.live.LiveSession;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import java.util.List;
import java.util.Objects;

/**
 * The {@link LiveBackend} on ActiveMQ Artemis ({@link ArtemisLiveRun}): named {@value #NAME}.
 * Made by {@link dev.pipewright.engine.api.RunBackends#named} it runs on an embedded server started
 * for each run from the flow's broker.xml (its data in a temporary directory, deleted when the run
 * ends); the app makes it with the server the user names.
 */
public final class ArtemisBackend extends LiveBackend {
    /** The backend's name. */
    public static final String NAME = "artemis";

    private final ArtemisTarget target;

    /** A backend on an embedded Artemis; starts nothing before the first start. */
    public ArtemisBackend() {
        this(ArtemisTarget.parse(ArtemisTarget.EMBEDDED, null), false);
    }

    /**
     * @param target the server and login, or {@code embedded}
     * @param teardownOnClose whether {@link #close} removes what the run created on a server at a URL
     */
    public ArtemisBackend(ArtemisTarget target, boolean teardownOnClose) {
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
        return withRunChecks(flow, ArtemisLiveRun.check(flow));
    }

    @Override
    protected LiveSession declare(Flow flow) throws LiveFailure {
        return ArtemisLiveRun.declare(flow, target);
    }
}
