// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.api.Conservation;
import org.junit.jupiter.api.Test;

class LiveFormatTest {
    @Test
    void elapsedTimeShowsHoursMinutesSecondsAndTenths() {
        assertThat(LiveFormat.elapsed(0)).isEqualTo("00:00:00.0");
        assertThat(LiveFormat.elapsed(83.45)).isEqualTo("00:01:23.4");
        assertThat(LiveFormat.elapsed(3600 * 2 + 61.99)).isEqualTo("02:01:01.9");
        assertThat(LiveFormat.elapsed(Double.NaN)).isEqualTo("00:00:00.0");
    }

    @Test
    void ratesAreShortAndReadable() {
        assertThat(LiveFormat.rate(0)).isEqualTo("0/s");
        assertThat(LiveFormat.rate(4.25)).isEqualTo("4.3/s");
        assertThat(LiveFormat.rate(820.4)).isEqualTo("820/s");
        assertThat(LiveFormat.rate(1234)).isEqualTo("1.2k/s");
        assertThat(LiveFormat.rate(56_000)).isEqualTo("56k/s");
        assertThat(LiveFormat.rate(Double.NaN)).isEqualTo(LiveFormat.NONE);
    }

    @Test
    void ratesRoundAsPrintfDoes() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            // Spread over every unit: 0.01/s to 20M/s.
            double r = Math.pow(10, -2 + 9.3 * random.nextDouble());
            String expected = r >= 1_000_000 ? String.format(java.util.Locale.ROOT, "%.1fM/s", r / 1_000_000)
                    : r >= 10_000 ? String.format(java.util.Locale.ROOT, "%.0fk/s", r / 1000)
                    : r >= 1000 ? String.format(java.util.Locale.ROOT, "%.1fk/s", r / 1000)
                    : r >= 100 ? String.format(java.util.Locale.ROOT, "%.0f/s", r)
                    : String.format(java.util.Locale.ROOT, "%.1f/s", r);
            assertThat(LiveFormat.rate(r)).as("rate of %s", r).isEqualTo(expected);
        }
    }

    @Test
    void latenciesPickTheirUnit() {
        assertThat(LiveFormat.millis(0.42)).isEqualTo("0.42 ms");
        assertThat(LiveFormat.millis(31.4)).isEqualTo("31 ms");
        assertThat(LiveFormat.millis(2500)).isEqualTo("2.50 s");
        assertThat(LiveFormat.millis(Double.NaN)).isEqualTo(LiveFormat.NONE);
    }

    @Test
    void conservationLeavesOutZeroTermsAndSaysWhenItHolds() {
        Conservation ok = new Conservation(1234, 1180, 0, 0, 0, 0, 42, 12);
        assertThat(LiveFormat.conservationShort(ok))
                .isEqualTo("produced 1,234 = completed 1,180 + waiting 42 + in flight 12");
        Conservation broken = new Conservation(10, 5, 0, 0, 0, 0, 0, 0);
        assertThat(LiveFormat.conservationShort(broken)).contains("≠");
    }

    @Test
    void speedPresetsGoFromATenthToAHundredAndMax() {
        assertThat(SpeedChoice.PRESETS.getFirst().label()).isEqualTo("0.1×");
        assertThat(SpeedChoice.REAL_TIME.label()).isEqualTo("1×");
        assertThat(SpeedChoice.PRESETS.get(SpeedChoice.PRESETS.size() - 2).label()).isEqualTo("100×");
        assertThat(SpeedChoice.PRESETS.getLast()).isEqualTo(SpeedChoice.MAX);
        assertThat(SpeedChoice.MAX.clockName()).isEqualTo("virtual");
    }
}
