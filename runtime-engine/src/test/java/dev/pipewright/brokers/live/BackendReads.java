// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.RunBackend;
import dev.pipewright.engine.api.Snapshot;

/** What the tests of a live run backend read of it: a node's latest figures, and that its run is set up. */
public final class BackendReads {
    private BackendReads() {
    }

    /** Node {@code id}'s figures in {@code backend}'s latest snapshot; null before the first. */
    public static NodeStats node(RunBackend backend, String id) {
        Snapshot s = backend.latest();
        return s == null ? null : s.node(id);
    }

    /** Waits until {@code backend} has set up its run ({@code what}, e.g. the queues created): its first snapshot, and no failure. */
    public static void awaitSetUp(RunBackend backend, String what) {
        Await.until(what, () -> backend.latest() != null || backend.failure() != null, backend::failure);
        assertThat(backend.failure()).isNull();
    }
}
