// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.Hop;
import dev.pipewright.engine.api.Lineage;
import org.junit.jupiter.api.Test;

/** The lineage book keeps the histories of a run's first messages and of the most recent sampled ones. */
class LineageBookTest {
    private static final long EVERY = Lineage.SAMPLE_EVERY;
    /** The first sampled id after the messages that are all traced. */
    private static final long FIRST_SAMPLED = (Lineage.ALL_UP_TO / EVERY + 1) * EVERY;

    private static Hop hop(String event) {
        return new Hop(0, "q", event, "");
    }

    @Test
    void keepsEveryHopOfEachOfTheFirstMessagesInOrder() {
        LineageBook book = new LineageBook();
        for (long id = 1; id <= Lineage.ALL_UP_TO; id++) {
            book.record(id, hop("published"));
            book.record(id, hop("enqueued"));
        }
        assertThat(book.size()).isEqualTo(Lineage.ALL_UP_TO);
        assertThat(book.lineage(1).orElseThrow().hops()).extracting(Hop::event).containsExactly("published", "enqueued");
        assertThat(book.lineage(Lineage.ALL_UP_TO).orElseThrow().hops()).hasSize(2);
        assertThat(book.lineage(0)).isEmpty();
    }

    @Test
    void afterTheFirstMessagesKeepsOnlyTheSample() {
        LineageBook book = new LineageBook();
        book.record(FIRST_SAMPLED, hop("published"));
        book.record(FIRST_SAMPLED + 1, hop("published"));
        book.record(FIRST_SAMPLED, hop("enqueued"));
        assertThat(book.lineage(FIRST_SAMPLED).orElseThrow().hops()).extracting(Hop::event)
                .containsExactly("published", "enqueued");
        assertThat(book.lineage(FIRST_SAMPLED + 1)).isEmpty();
        assertThat(book.size()).isEqualTo(1);
    }

    @Test
    void forgetsTheOldestSampledWhenMoreThanItsCapacityAreSampled() {
        LineageBook book = new LineageBook();
        book.record(1, hop("published"));
        long newest = FIRST_SAMPLED + Lineage.CAPACITY * EVERY;
        for (long id = FIRST_SAMPLED; id <= newest; id += EVERY) {
            book.record(id, hop("published"));
        }
        assertThat(book.size()).isEqualTo(1 + Lineage.CAPACITY);
        assertThat(book.lineage(FIRST_SAMPLED)).isEmpty();
        assertThat(book.lineage(FIRST_SAMPLED + EVERY)).isPresent();
        assertThat(book.lineage(newest)).isPresent();
        assertThat(book.lineage(1)).isPresent();
        // A late hop of a forgotten message does not push out the newer one in its place.
        book.record(FIRST_SAMPLED, hop("completed"));
        assertThat(book.lineage(FIRST_SAMPLED)).isEmpty();
        assertThat(book.lineage(newest).orElseThrow().hops()).hasSize(1);
    }

    @Test
    void aHopGivenInPartsReadsAsItsWholeTextInItsPlace() {
        LineageBook book = new LineageBook();
        book.record(FIRST_SAMPLED, hop("enqueued"));
        book.record(FIRST_SAMPLED, 1.5, "q", "delivered", "consumer-1", " delivery ", 3);
        book.record(FIRST_SAMPLED, 2.5, "consumer-1", "received", "instance ", "", 12);
        book.record(FIRST_SAMPLED + 1, 3, "q", "delivered", "c", " delivery ", 1); // not sampled
        assertThat(book.lineage(FIRST_SAMPLED).orElseThrow().hops()).containsExactly(hop("enqueued"),
                new Hop(1.5, "q", "delivered", "consumer-1 delivery 3"), new Hop(2.5, "consumer-1", "received", "instance 12"));
        assertThat(book.lineage(FIRST_SAMPLED + 1)).isEmpty();
    }
}
