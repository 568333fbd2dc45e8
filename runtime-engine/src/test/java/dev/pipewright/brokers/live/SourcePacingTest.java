// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pipewright.engine.Simulation;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A live source sends when the simulator's source publishes: each message (or burst) one gap after
 * the one before, the first one gap after the start. The pacing runs on a virtual clock, so the
 * times are exact and nothing waits.
 */
class SourcePacingTest {
    private static final long SEED = 11;

    /** Virtual time: a park moves it on by what it was asked to wait, then runs what was due by then. */
    private static final class VirtualClock implements SourcePacing.Clock {
        private long now;
        private final TreeMap<Long, Runnable> due = new TreeMap<>();

        /** Runs {@code action} once the clock reaches {@code seconds}. */
        VirtualClock at(double seconds, Runnable action) {
            due.put(Math.round(seconds * 1e9), action);
            return this;
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void park(long nanos) {
            now += nanos;
            while (!due.isEmpty() && due.firstKey() <= now) {
                due.pollFirstEntry().getValue().run();
            }
        }
    }

    private static Source source(double rate, Source.Arrival arrival, int burstSize, long limit) {
        return (Source) Source.of("src", "src", Position.ORIGIN).with("rate", rate).with("arrival", arrival)
                .with("burstSize", burstSize).with("messageLimit", limit);
    }

    /** The seconds of each instant the live source hands messages over (a burst is one instant). */
    private static List<Double> liveSends(Source source, SourcePacing.Control control, VirtualClock clock)
            throws Exception {
        List<Double> instants = new ArrayList<>();
        SourcePacing.run(source, control, new Random(SEED), Long.MAX_VALUE, () -> false, new SourcePacing.Send() {
            @Override
            public void send(long seq) {
            }

            @Override
            public void dueSent() {
                instants.add(clock.nanoTime() / 1e9);
            }
        }, clock);
        return instants;
    }

    /**
     * The seconds of each instant the simulator's source in {@code source} -> queue -> consumer
     * publishes (a burst is one instant), run by {@code play}.
     */
    private static List<Double> simulatedPublishes(Source source, Consumer<Simulation> play) {
        Flow flow = new Flow(new FlowInfo("Pacing", ""), List.of(source, Queue.of("q", "q", Position.ORIGIN),
                dev.pipewright.model.Consumer.of("c", "c", Position.ORIGIN)), List.of(
                Edge.of("e1", "src", Port.OUT, "q"), Edge.of("e2", "q", Port.OUT, "c")));
        Simulation sim = Simulation.create(flow, SEED);
        List<Double> instants = new ArrayList<>();
        sim.setMessageEvents(e -> {
            if (e.event().equals("publish") && e.node().equals("src")
                    && (instants.isEmpty() || instants.getLast() != e.t())) {
                instants.add(e.t());
            }
        });
        play.accept(sim);
        return instants;
    }

    @Test
    void aConstantSourceSendsItsFirstMessageOneGapAfterTheStartAsTheSimulatorDoes() throws Exception {
        Source s = source(4, Source.Arrival.CONSTANT, 1, 3);

        List<Double> live = liveSends(s, new SourcePacing.Control(4), new VirtualClock());

        assertThat(live).containsExactly(List.of(0.25, 0.5, 0.75).toArray(Double[]::new));
        assertThat(live).zipSatisfy(simulatedPublishes(s, sim -> sim.runUntil(5)),
                (l, simulated) -> assertThat(l).isCloseTo(simulated, within(1e-9)));
    }

    @Test
    void burstsComeOneBurstGapApartTheFirstAfterOneGapAsInTheSimulator() throws Exception {
        Source s = source(10, Source.Arrival.BURSTS, 5, 10);

        List<Double> live = liveSends(s, new SourcePacing.Control(10), new VirtualClock());

        assertThat(live).containsExactly(0.5, 1.0);
        assertThat(simulatedPublishes(s, sim -> sim.runUntil(5))).containsExactly(0.5, 1.0);
    }

    @Test
    void aPoissonSourceWaitsItsFirstDrawBeforeItsFirstMessage() throws Exception {
        Source s = source(2, Source.Arrival.POISSON, 1, 2);
        Random draws = new Random(SEED);
        double first = -Math.log(1 - draws.nextDouble()) / 2;
        double second = first - Math.log(1 - draws.nextDouble()) / 2;

        List<Double> live = liveSends(s, new SourcePacing.Control(2), new VirtualClock());

        assertThat(live).hasSize(2);
        assertThat(live.get(0)).isCloseTo(first, within(1e-9)).isGreaterThan(0);
        assertThat(live.get(1)).isCloseTo(second, within(1e-9));
    }

    @Test
    void aSourceHeldAtTheStartSendsOneGapAfterItIsLetGo() throws Exception {
        Source s = source(4, Source.Arrival.CONSTANT, 1, 2);
        SourcePacing.Control control = new SourcePacing.Control(4);
        control.hold(true);

        List<Double> live = liveSends(s, control, new VirtualClock().at(1, () -> control.hold(false)));

        assertThat(live).hasSize(2);
        assertThat(live.get(0)).isCloseTo(1.25, within(1e-9));
        assertThat(live.get(1)).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void timeHeldByAPauseDoesNotCountAsAPausedSimulationDoesNotMove() throws Exception {
        Source s = source(4, Source.Arrival.CONSTANT, 1, 2);
        SourcePacing.Control control = new SourcePacing.Control(4);

        List<Double> live = liveSends(s, control,
                new VirtualClock().at(0.1, () -> control.hold(true)).at(0.6, () -> control.hold(false)));

        // Half a second held: both sends half a second after the simulator's, which played on throughout.
        assertThat(live).zipSatisfy(simulatedPublishes(s, sim -> sim.runUntil(5)),
                (l, simulated) -> assertThat(l).isCloseTo(simulated + 0.5, within(1e-9)));
    }

    @Test
    void aRateSetToZeroAndBackSendsOneGapAfterItRisesAsInTheSimulator() throws Exception {
        Source s = source(4, Source.Arrival.CONSTANT, 1, 2);
        SourcePacing.Control control = new SourcePacing.Control(4);

        List<Double> live = liveSends(s, control,
                new VirtualClock().at(0.1, () -> control.setRate(0)).at(0.6, () -> control.setRate(4)));
        List<Double> simulated = simulatedPublishes(s, sim -> {
            sim.runUntil(0.1);
            sim.setSourceRate("src", 0);
            sim.runUntil(0.6);
            sim.setSourceRate("src", 4);
            sim.runUntil(5);
        });

        assertThat(simulated).hasSize(2);
        assertThat(simulated.get(0)).isCloseTo(0.85, within(1e-9));
        assertThat(live).zipSatisfy(simulated, (l, sim) -> assertThat(l).isCloseTo(sim, within(1e-9)));
    }
}
