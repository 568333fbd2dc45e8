// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AssertionTest {
    private final RunReport report = ReportFixtures.sample();

    @Test
    void countOfDeadLetterQueueIsWhatReachedIt() {
        AssertionResult result = Assertion.parse("dlq.count == 0").check(report);
        assertThat(result.passed()).isFalse();
        assertThat(result.actual()).isEqualTo(2.0);
        assertThat(result.describe()).isEqualTo("FAILED dlq.count == 0 (actual 2)");
    }

    @Test
    void latencyComparesWithDurationsInAnyUnit() {
        assertThat(Assertion.parse("orders.p99 < 200ms").check(report).passed()).isTrue();
        assertThat(Assertion.parse("orders.p99 < 0.1s").check(report).passed()).isFalse();
        assertThat(Assertion.parse("orders.p99 >= 150ms").check(report).passed()).isTrue();
        assertThat(Assertion.parse("orders.p99<=1.5s").check(report).describe())
                .isEqualTo("passed orders.p99<=1.5s (actual 150ms)");
    }

    @Test
    void nodeMayBeNamedByItsNameWithSpaces() {
        assertThat(Assertion.parse("Order queue.in == 600").check(report).passed()).isTrue();
        assertThat(Assertion.parse("Web shop.count != 0").check(report).actual()).isEqualTo(600.0);
    }

    @Test
    void rateAcceptsPerSecondSuffix() {
        assertThat(Assertion.parse("src.rate >= 10/s").check(report).passed()).isTrue();
    }

    @Test
    void latencyWithoutUnitIsRefusedWithAHint() {
        assertThatThrownBy(() -> Assertion.parse("orders.p99 < 200"))
                .isInstanceOf(InvalidAssertionException.class)
                .hasMessageContaining("give the value a unit, e.g. 200ms");
    }

    @Test
    void unknownMetricListsTheKnownOnes() {
        assertThatThrownBy(() -> Assertion.parse("orders.latency < 2s"))
                .hasMessageContaining("unknown metric 'latency'").hasMessageContaining("p99");
    }

    @Test
    void countComparedWithDurationIsRefused() {
        assertThatThrownBy(() -> Assertion.parse("dlq.count < 2s")).hasMessageContaining("compare it with a number");
    }

    @Test
    void garbageIsRefusedWithTheForm() {
        assertThatThrownBy(() -> Assertion.parse("dlq")).hasMessageContaining("NODE.METRIC OP VALUE");
        assertThatThrownBy(() -> Assertion.parse("dlq.count ==")).hasMessageContaining("no value");
        assertThatThrownBy(() -> Assertion.parse(" ")).hasMessageContaining("empty assertion");
    }

    @Test
    void aNumberTooLargeForADoubleIsRefusedNotTakenAsInfinity() {
        assertThatThrownBy(() -> Assertion.parse("dlq.count == 1e999")).isInstanceOf(InvalidAssertionException.class)
                .hasMessageContaining("1e999 is too large a number");
        assertThatThrownBy(() -> Assertion.parse("src.rate < " + "9".repeat(400))).isInstanceOf(InvalidAssertionException.class);
        assertThat(Assertion.parse("dlq.count < 1e300").expected()).isEqualTo(1e300);
    }

    @Test
    void unknownNodeIsNamedWithTheFlowsNodes() {
        Assertion a = Assertion.parse("payments.count == 0");
        assertThatThrownBy(() -> a.check(report)).isInstanceOf(InvalidAssertionException.class)
                .hasMessageContaining("no node with the id or name 'payments'")
                .hasMessageContaining("src, orders, dlq");
    }

    @Test
    void latencyNobodyMeasuredFailsAndSaysSo() {
        AssertionResult r = Assertion.parse("src.p99 < 1s").check(report);
        assertThat(r.passed()).isFalse();
        assertThat(r.describe()).contains("no value");
    }
}
