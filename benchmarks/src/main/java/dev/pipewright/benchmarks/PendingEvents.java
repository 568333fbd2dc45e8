// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.benchmarks;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.kernel.Kernel;
import java.lang.reflect.Field;

/**
 * How many events a simulation has pending. {@link Simulation} does not say, so this reads its
 * kernel by reflection; only to print the figure next to a benchmark, never on a measured path.
 */
final class PendingEvents {
    private PendingEvents() {
    }

    static String of(Simulation simulation) {
        try {
            Field field = Simulation.class.getDeclaredField("kernel");
            field.setAccessible(true);
            return Integer.toString(((Kernel) field.get(simulation)).pending());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
