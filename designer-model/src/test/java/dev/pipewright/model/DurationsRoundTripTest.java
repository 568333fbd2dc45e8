// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipewright.model.io.FlowFiles;
import dev.pipewright.model.io.FlowJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/** Every duration and distribution the model accepts is written so that reading it gives it back. */
class DurationsRoundTripTest {
    private static final Long[] UNITS = {1L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L, 3_600_000_000_000L,
        86_400_000_000_000L};

    @Property(tries = 2000, edgeCases = EdgeCasesMode.MIXIN)
    void everyDurationReadsBackFromItsWrittenForm(@ForAll("durations") Duration d) {
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void everyDistributionReadsBackFromItsWrittenForm(@ForAll("distributions") Distribution d) {
        assertThat(Distribution.parse(d.toString())).isEqualTo(d);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void aFlowWithAnyDurationsAndDistributionsIsWrittenAndReadBack(@ForAll("durations") Duration ttl,
            @ForAll("durations") Duration delay, @ForAll("distributions") Distribution processing) throws Exception {
        Flow flow = flowWith(ttl.isZero() ? Duration.ofNanos(1) : ttl, delay, processing);

        assertThat(FlowJson.read(FlowJson.write(flow), null)).isEqualTo(flow);
    }

    @Test
    void theDurationsFromTheIssueAreSavedToDiskAndReadBack() throws Exception {
        Flow flow = flowWith(Duration.ofSeconds(61), Duration.ofMillis(1_000_000_000_000L),
                Distribution.uniform(Duration.ofSeconds(61), Duration.ofNanos(3_600_000_000_001L)));
        Path file = Files.createTempFile("durations", ".flow.json");
        try {
            FlowFiles.write(file, flow);

            assertThat(FlowFiles.read(file)).isEqualTo(flow);
            assertThat(Files.readString(file)).contains("\"messageTtl\": \"61s\"", "\"deliveryDelay\": \"1000000000s\"",
                    "\"processingTime\": \"uniform(61s, 3600000000.001us)\"");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void theLongestDurationIsWrittenAndOneNanosecondMoreIsRefused() {
        assertThat(Durations.parse(Durations.format(Durations.MAX))).isEqualTo(Durations.MAX);
        assertThatThrownBy(() -> Durations.parse("36500.000000000000000001d"))
                .hasMessageContaining("too long a duration").hasMessageContaining("36500d");
        assertThatThrownBy(() -> Queue.of("q", null, null)
                        .with("messageTtl", Durations.MAX.plusNanos(1)))
                .isInstanceOf(InvalidPropertyException.class).hasMessageContaining("messageTtl").hasMessageContaining("36500d");
    }

    @Test
    void refusesDurationsFinerThanANanosecondInsteadOfCuttingThem() {
        assertThatThrownBy(() -> Durations.parse("1.5ns"))
                .hasMessageContaining("finer than a nanosecond");
        assertThat(Durations.parse("1.5us")).isEqualTo(Duration.ofNanos(1500));
    }

    private static Flow flowWith(Duration ttl, Duration delay, Distribution processing) {
        Node queue = Queue.of("q", null, null).with("messageTtl", ttl).with("deliveryDelay", delay);
        Node consumer = Consumer.of("c", null, null).with("processingTime", processing);
        Node processor = Processor.of("p", null, null).with("delay", delay).with("processingTime", processing);
        return new Flow(new FlowInfo("durations", ""), List.of(queue, consumer, processor),
                List.of(Edge.of("e1", "q", Port.OUT, "c")));
    }

    @Provide
    Arbitrary<Duration> durations() {
        Arbitrary<Long> any = Arbitraries.longs().between(0, Durations.MAX.toNanos());
        // Whole and decimal amounts of each unit, which people write and which end in many zeros.
        Arbitrary<Long> round = Combinators.combine(Arbitraries.longs().between(0, 100_000),
                Arbitraries.of(1L, 10L, 100L, 1000L), Arbitraries.of(UNITS))
                .as((amount, divisor, unit) -> Math.min(Durations.MAX.toNanos(), amount * (unit / Math.min(unit, divisor))));
        // Edge cases are listed here because the combined properties run without jqwik's own (too many to list).
        return Arbitraries.frequencyOf(
                Tuple.of(3, any),
                Tuple.of(5, round),
                Tuple.of(1, Arbitraries.longs().between(0, 2_000)),
                Tuple.of(1, Arbitraries.of(0L, 1L, Durations.MAX.toNanos())))
                .map(Duration::ofNanos);
    }

    @Provide
    Arbitrary<Distribution> distributions() {
        return Combinators.combine(Arbitraries.of(Distribution.Shape.class), durations(), durations())
                .as((shape, a, b) -> switch (shape) {
                    case UNIFORM -> Distribution.uniform(a.compareTo(b) <= 0 ? a : b, a.compareTo(b) <= 0 ? b : a);
                    case NORMAL -> Distribution.normal(a, b);
                    case CONSTANT -> Distribution.constant(a);
                    case EXPONENTIAL -> Distribution.exponential(a);
                });
    }
}
