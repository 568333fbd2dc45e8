// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import java.util.Objects;

/**
 * A fault or what-if injected by hand into a running flow, through {@link RunBackend#inject}. A
 * closed set, so every backend handles every kind (or says it cannot): each names the node it
 * acts on; the run carries on from its state after it.
 */
public sealed interface Fault {
    /** The id of the node the fault acts on. */
    String nodeId();

    /**
     * Crashes one instance of a consumer: its unacknowledged messages go back to the queue.
     *
     * @param instance the 0-based instance
     */
    record CrashInstance(String consumerId, int instance) implements Fault {
        public CrashInstance {
            Objects.requireNonNull(consumerId, "consumerId");
        }

        @Override
        public String nodeId() {
            return consumerId;
        }
    }

    /**
     * Brings a crashed consumer instance back.
     *
     * @param instance the 0-based instance
     */
    record RestoreInstance(String consumerId, int instance) implements Fault {
        public RestoreInstance {
            Objects.requireNonNull(consumerId, "consumerId");
        }

        @Override
        public String nodeId() {
            return consumerId;
        }
    }

    /** Stops a consumer taking new messages; what it holds is finished. */
    record PauseConsumer(String consumerId) implements Fault {
        public PauseConsumer {
            Objects.requireNonNull(consumerId, "consumerId");
        }

        @Override
        public String nodeId() {
            return consumerId;
        }
    }

    /** Lets a paused consumer take messages again. */
    record ResumeConsumer(String consumerId) implements Fault {
        public ResumeConsumer {
            Objects.requireNonNull(consumerId, "consumerId");
        }

        @Override
        public String nodeId() {
            return consumerId;
        }
    }

    /** Sets how many instances a consumer runs; instances taken away give their messages back. */
    record SetInstances(String consumerId, int instances) implements Fault {
        public SetInstances {
            Objects.requireNonNull(consumerId, "consumerId");
        }

        @Override
        public String nodeId() {
            return consumerId;
        }
    }

    /**
     * Sets a source's rate; the next arrival is drawn at the new rate.
     *
     * @param perSecond messages per second, zero or more
     */
    record SetRate(String sourceId, double perSecond) implements Fault {
        public SetRate {
            Objects.requireNonNull(sourceId, "sourceId");
        }

        @Override
        public String nodeId() {
            return sourceId;
        }
    }

    /**
     * Multiplies a source's rate for a while.
     *
     * @param factor how many times the rate, above zero
     * @param seconds for how long, in the run's seconds, above zero
     */
    record Flood(String sourceId, double factor, double seconds) implements Fault {
        public Flood {
            Objects.requireNonNull(sourceId, "sourceId");
        }

        @Override
        public String nodeId() {
            return sourceId;
        }
    }

    /**
     * Publishes exactly one message from a source now, whatever its rate, arrival or message
     * limit (which it does not count against), so a learner can follow that one message hop by
     * hop. The message is traced: its {@link Lineage} is kept, and
     * {@link RunBackend#publishedByHand} finds it.
     */
    record PublishOne(String sourceId) implements Fault {
        public PublishOne {
            Objects.requireNonNull(sourceId, "sourceId");
        }

        @Override
        public String nodeId() {
            return sourceId;
        }
    }

    /** Takes an endpoint down: it refuses messages, and fails over where it has a secondary. */
    record EndpointDown(String endpointId) implements Fault {
        public EndpointDown {
            Objects.requireNonNull(endpointId, "endpointId");
        }

        @Override
        public String nodeId() {
            return endpointId;
        }
    }

    /** Brings an endpoint taken down back up. */
    record EndpointUp(String endpointId) implements Fault {
        public EndpointUp {
            Objects.requireNonNull(endpointId, "endpointId");
        }

        @Override
        public String nodeId() {
            return endpointId;
        }
    }
}
