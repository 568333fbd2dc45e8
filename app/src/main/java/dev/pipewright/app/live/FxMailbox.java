// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands results from the engine thread to the FX thread, coalesced as JavaFX's own {@code Task}
 * does: a post schedules one run on the FX executor only when the previous one has started, and
 * that run delivers everything posted so far, in order. The engine never waits for it.
 */
final class FxMailbox {
    private final Executor fx;
    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** {@code fx} runs tasks on the FX thread: {@code Platform::runLater}, or {@code Runnable::run} in tests. */
    FxMailbox(Executor fx) {
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /** Queues {@code task} to run on the FX thread; may be called from any thread. */
    void post(Runnable task) {
        pending.add(Objects.requireNonNull(task, "task"));
        if (scheduled.compareAndSet(false, true)) {
            fx.execute(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        Runnable r;
        while ((r = pending.poll()) != null) {
            r.run();
        }
    }
}
