// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits in tests of live runs for a condition the broker brings about, up to a generous bound; never a fixed sleep. */
public final class Await {
    /** The bound: far above what a condition takes on a loaded machine, so a test fails only when the condition never holds. */
    public static final Duration BOUND = Duration.ofSeconds(60);

    private Await() {
    }

    /** Returns once {@code condition} holds; fails, saying {@code what} and the last {@code state}, after {@link #BOUND}. */
    public static void until(String what, BooleanSupplier condition, Supplier<?> state) {
        long end = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("waited " + BOUND.toSeconds() + " s for " + what + "; last seen: " + state.get());
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }
}
