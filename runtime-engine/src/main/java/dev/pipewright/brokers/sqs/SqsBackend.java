// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.sqs;

import dev.pipewright.brokers.live.LiveBackend;
import dev.pipewright.brokers.live.LiveFailure;
import dev.pipewright.brokers.live.LiveSession;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import java.util.List;
import java.util.Objects;

/**
 * The {@link LiveBackend} on Amazon SQS or ElasticMQ ({@link SqsLiveRun}): named {@value #NAME}.
 * The app makes it with the endpoint the user names, or on an ElasticMQ started in-process for
 * each run ({@link SqsTarget#EMBEDDED}); pause, rates, floods, pausing a consumer, its number of
 * instances, and crashing and restoring an instance work while it runs. The queues are deleted
 * when the run is reset or closed.
 */
public final class SqsBackend extends LiveBackend {
    /** The backend's name. */
    public static final String NAME = "sqs";

    private final SqsTarget target;

    /** A backend on an embedded ElasticMQ (when it is on the class path); starts it at the first start. */
    public SqsBackend() {
        this(SqsTarget.parse(SqsTarget.EMBEDDED, java.util.Map.of()));
    }

    /** A backend on {@code target}; connects at the first start. */
    public SqsBackend(SqsTarget target) {
        super(true);
        this.target = Objects.requireNonNull(target, "target");
    }

    /** Whether an embedded ElasticMQ can start here: it is optional, and an installed Pipewright has none. */
    public static boolean embeddedAvailable() {
        return EmbeddedElasticMq.available();
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
        return withRunChecks(flow, SqsLiveRun.check(flow));
    }

    @Override
    protected LiveSession declare(Flow flow) throws LiveFailure {
        return SqsLiveRun.declare(flow, target);
    }
}
