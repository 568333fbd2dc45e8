// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.api;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Finds {@link RunBackend}s: each implementation on the class path that is listed in
 * {@code META-INF/services/dev.pipewright.engine.api.RunBackend}. Who drives runs names no
 * implementation class, so a new backend plugs in beside the simulator with no change there.
 */
public final class RunBackends {
    /** The name of the simulator, the backend that is always there. */
    public static final String SIMULATOR = "simulator";

    private RunBackends() {
    }

    /** A new simulator backend, not started. */
    public static RunBackend standard() {
        return named(SIMULATOR);
    }

    /**
     * A new backend with that {@link RunBackend#name()}, not started.
     *
     * @throws NoSuchElementException when no backend has that name
     */
    public static RunBackend named(String name) {
        Objects.requireNonNull(name, "name");
        return all().stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("there is no run backend named '" + name + "'"));
    }

    /** A new instance of every backend there is, none started. */
    public static List<RunBackend> all() {
        return ServiceLoader.load(RunBackend.class, RunBackends.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }
}
