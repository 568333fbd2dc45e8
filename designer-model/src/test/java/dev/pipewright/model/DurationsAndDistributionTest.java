// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsAndDistributionTest {

    @ParameterizedTest
    @CsvSource({"250ms, 250000000", "1.5s, 1500000000", "2m, 120000000000", "2min, 120000000000",
        "1h, 3600000000000", "100us, 100000", "100µs, 100000", "7ns, 7", "1d, 86400000000000", "' 3 s ', 3000000000"})
    void parsesDurationsAsPeopleWriteThem(String text, long nanos) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @CsvSource({"250000000, 250ms", "1500000000, 1.5s", "120000000000, 2m", "3600000000000, 1h", "100000, 100us",
        "0, 0s", "1250, 1.25us", "90000000000, 1.5m"})
    void formatsDurationsInTheLargestExactUnit(long nanos, String text) {
        assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @Test
    void refusesABareNumberAndSaysWhatToWrite() {
        assertThatThrownBy(() -> Durations.parse("100")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'100' is not a duration").hasMessageContaining("250ms");
        assertThatThrownBy(() -> Durations.parse("-5s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Durations.parse("99999999999999999d")).hasMessageContaining("too long");
    }

    @Test
    void parsesAndFormatsEveryDistributionShape() {
        assertThat(Distribution.parse("const(10ms)")).isEqualTo(Distribution.constant(Duration.ofMillis(10)));
        assertThat(Distribution.parse("exp(20ms)")).isEqualTo(Distribution.exponential(Duration.ofMillis(20)));
        assertThat(Distribution.parse(" uniform( 5ms , 15ms ) "))
                .isEqualTo(Distribution.uniform(Duration.ofMillis(5), Duration.ofMillis(15)));
        assertThat(Distribution.parse("NORMAL(10ms, 2ms)"))
                .isEqualTo(Distribution.normal(Duration.ofMillis(10), Duration.ofMillis(2)));
        for (String text : new String[] {"const(10ms)", "exp(20ms)", "uniform(5ms, 15ms)", "normal(1.5s, 250ms)"}) {
            assertThat(Distribution.parse(text)).hasToString(text);
        }
    }

    @Test
    void theMeanOfAUniformIsTheMiddle() {
        assertThat(Distribution.parse("uniform(10ms, 30ms)").meanSeconds()).isEqualTo(0.02);
        assertThat(Distribution.parse("exp(30ms)").meanSeconds()).isEqualTo(0.03);
    }

    @Test
    void refusesMalformedDistributionsWithTheAcceptedForms() {
        assertThatThrownBy(() -> Distribution.parse("gauss(1ms)")).hasMessageContaining("'gauss' is not a known distribution");
        assertThatThrownBy(() -> Distribution.parse("exp(1ms, 2ms)")).hasMessageContaining("exp takes one duration");
        assertThatThrownBy(() -> Distribution.parse("uniform(1ms)")).hasMessageContaining("takes two durations");
        assertThatThrownBy(() -> Distribution.parse("uniform(9ms, 1ms)")).hasMessageContaining("high >= low");
        assertThatThrownBy(() -> Distribution.parse("exp(fast)")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Distribution.parse("20ms")).hasMessageContaining("write const(10ms)");
    }
}
