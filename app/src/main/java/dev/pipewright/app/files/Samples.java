// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.files;

import dev.pipewright.model.Flow;
import dev.pipewright.samples.SampleCatalog;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The bundled sample flows, as the File menu and the first start show them. */
public final class Samples {
    /** The sample a first start opens, so a newcomer sees a realistic flow at once. */
    public static final String DEFAULT_ID = "competing-consumers";

    /**
     * One sample.
     *
     * @param id its id, as given to {@code --sample}
     * @param title what the menu shows
     * @param flow reads its flow
     */
    public record Entry(String id, String title, Supplier<Flow> flow) {
    }

    private Samples() {
    }

    /** Every sample, in the catalogue's order. */
    public static List<Entry> all() {
        return SampleCatalog.all().stream()
                .map(s -> new Entry(s.id(), s.title(), s::load))
                .toList();
    }

    public static Optional<Entry> find(String id) {
        return all().stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
