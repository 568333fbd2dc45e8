// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.Hop;
import dev.pipewright.engine.api.Lineage;
import org.junit.jupiter.api.Test;

/** The lineage book keeps the histories of the most recent sampled messages. */
class LineageBookTest {
    private static final long EVERY = Lineage.SAMPLE_EVERY;

    private static Hop hop(String event) {
        return new Hop(0, "q", event, "");
    }

    @Test
    void keepsEveryHopOfASampledMessageInOrder() {
        LineageBook book = new LineageBook();
        book.record(EVERY, hop("published"));
        book.record(EVERY, hop("enqueued"));
        assertThat(book.lineage(EVERY).orElseThrow().hops()).extracting(Hop::event)
                .containsExactly("published", "enqueued");
        assertThat(book.lineage(2 * EVERY)).isEmpty();
        assertThat(book.lineage(EVERY + 1)).isEmpty();
    }

    @Test
    void forgetsTheOldestWhenMoreThanItsCapacityAreSampled() {
        LineageBook book = new LineageBook();
        long newest = (Lineage.CAPACITY + 1) * EVERY;
        for (long id = EVERY; id <= newest; id += EVERY) {
            book.record(id, hop("published"));
        }
        assertThat(book.size()).isEqualTo(Lineage.CAPACITY);
        assertThat(book.lineage(EVERY)).isEmpty();
        assertThat(book.lineage(2 * EVERY)).isPresent();
        assertThat(book.lineage(newest)).isPresent();
        // A late hop of a forgotten message does not push out the newer one in its place.
        book.record(EVERY, hop("completed"));
        assertThat(book.lineage(EVERY)).isEmpty();
        assertThat(book.lineage(newest).orElseThrow().hops()).hasSize(1);
    }
}
