// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.model.Flow;
import dev.pipewright.samples.SampleCatalog;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The theory panel's words: nothing unknown shown as a dash, one outlook, numbers a person reads. */
class TheoryTextTest {
    private static String all(TheoryReading r) {
        StringBuilder b = new StringBuilder();
        TheoryText.rows(r).forEach(row -> b.append(row.quantity()).append('|').append(row.theory()).append('|')
                .append(row.run()).append('\n'));
        return b.append(TheoryText.little(r)).append('\n').append(TheoryText.outlook(r)).append('\n')
                .append(String.join("\n", r.notes())).toString();
    }

    @Test
    void theDeadLetterSamplesQueueSaysItGrowsAndShowsNoDashes() {
        Flow flow = SampleCatalog.all().stream().filter(s -> s.id().equals("dead-letter-queue")).findFirst()
                .orElseThrow().load();
        Simulation sim = Simulation.create(flow, 7);
        sim.runUntil(60);
        TheoryReading r = TheoryReading.of(flow, sim.snapshot(), "payments-dlq", Double.NaN);

        assertThat(TheoryText.little(r)).as("no message has left it: no Little's law").isEmpty();
        assertThat(TheoryText.outlook(r)).contains("grows").doesNotContain("drains");
        assertThat(all(r)).doesNotContain(LiveFormat.NONE);
    }

    @Test
    void aDeadLetterQueueNothingArrivesAtNeitherDrainsNorGrows() {
        TheoryReading r = new TheoryReading("dlq", 0, 0.2, 0, Double.NaN, Optional.empty(), 3.4, Double.NaN,
                Double.NaN, 12, List.of());

        assertThat(all(r)).doesNotContain(LiveFormat.NONE).doesNotContain("drains").doesNotContain("grows");
        assertThat(TheoryText.outlook(r)).isEqualTo("The backlog of 12 stays: no consumer takes messages from this queue.");
    }

    @Test
    void aTrickleThatRoundsToNothingIsNotCalledGrowth() {
        // A source with a message limit has stopped: its recent rate is a trickle and nothing takes messages.
        TheoryReading r = new TheoryReading("q", 0.01, 0.2, 0, Double.NaN, Optional.empty(), 3.4, Double.NaN,
                Double.NaN, 12, List.of());

        assertThat(all(r)).doesNotContain("grows");
        assertThat(TheoryText.outlook(r)).isEqualTo("The backlog of 12 stays: no consumer takes messages from this queue.");
    }

    @Test
    void aQueueNearlyAtCapacityGivesNumbersAPersonReads() {
        QueueTheory t = new QueueTheory(99.999_999, 100, 1);
        TheoryReading r = new TheoryReading("q", t.lambda(), t.lambda(), 1, 100, Optional.of(t), 40, 0.4, 0.3, 1_000_000_000L,
                List.of());

        String text = all(r);

        assertThat(text).contains("Utilisation ρ|100%|").contains("Waiting Lq|100.0 million|40.00")
                .contains("Mean wait Wq|12 days|400 ms").contains("Median wait|8 days|300 ms");
        assertThat(TheoryText.outlook(r)).contains("1,000,000,000").contains("drains in over 1,000 years");
        assertThat(text).doesNotContainPattern("\\d{5,}").doesNotContain("E");
    }

    @Test
    void longNumbersAndSpansAreWordsAndUnits() {
        assertThat(LiveFormat.number(1.234e9, 2)).isEqualTo("1.2 billion");
        assertThat(LiveFormat.number(2.5e6, 0)).isEqualTo("2.5 million");
        assertThat(LiveFormat.number(12_345.678, 2)).isEqualTo("12,345.68");
        assertThat(LiveFormat.seconds(1e9)).isEqualTo("32 years");
        assertThat(LiveFormat.seconds(3 * 86_400)).isEqualTo("3 days");
        assertThat(LiveFormat.seconds(270)).isEqualTo("4.5 min");
        assertThat(LiveFormat.seconds(45)).isEqualTo("45.0 s");
        assertThat(LiveFormat.percent(1e9)).isEqualTo("over 10,000%");
        assertThat(LiveFormat.percent(12.5)).isEqualTo("1,250%");
        assertThat(LiveFormat.rate(3e9)).isEqualTo("3.0 billion/s");
    }
}
