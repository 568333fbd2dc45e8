// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.peers;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import umontreal.ssj.randvar.ExponentialGen;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.stat.Tally;

/**
 * SSJ's side of the peer comparison run by {@code benchmarks/peers/run}: the M/M/4 model (Poisson
 * arrivals at 5,000 msg/s, 4 servers, exp(0.5 ms) service, one FIFO queue), written as SSJ's own
 * event-view example {@code QueueEv} is (one arrival event that schedules the next, one new
 * departure event per service, SSJ's default event list), with the latency of every message (arrival
 * to end of service) in a {@link Tally}. Prints one line per run, as Pipewright's
 * {@code PeerMM4} and the SimPy program do.
 *
 * <p>Arguments: virtual seconds per run, number of runs.
 */
public final class SsjMM4 {
    private static final double ARRIVAL_RATE = 5000;
    private static final double SERVICE_RATE = 2000;
    private static final int SERVERS = 4;

    private final Simulator sim = new Simulator();
    private final ExponentialGen arrivals;
    private final ExponentialGen services;
    /** Arrival times of the messages waiting for a server, oldest first. */
    private final ArrayDeque<Double> waiting = new ArrayDeque<>();
    private final Tally latency = new Tally("latency");
    private int busy;
    private long events;

    /** Every {@code new MRG32k3a()} is the generator's next stream, so each run draws afresh. */
    private SsjMM4() {
        arrivals = new ExponentialGen(new MRG32k3a(), ARRIVAL_RATE);
        services = new ExponentialGen(new MRG32k3a(), SERVICE_RATE);
    }

    private final class Arrival extends Event {
        Arrival() {
            super(SsjMM4.this.sim);
        }

        @Override
        public void actions() {
            events++;
            schedule(arrivals.nextDouble());
            if (busy < SERVERS) {
                busy++;
                new Departure(sim.time()).schedule(services.nextDouble());
            } else {
                waiting.addLast(sim.time());
            }
        }
    }

    private final class Departure extends Event {
        private final double arrivedAt;

        Departure(double arrivedAt) {
            super(SsjMM4.this.sim);
            this.arrivedAt = arrivedAt;
        }

        @Override
        public void actions() {
            events++;
            latency.add(sim.time() - arrivedAt);
            Double next = waiting.pollFirst();
            if (next == null) {
                busy--;
            } else {
                new Departure(next).schedule(services.nextDouble());
            }
        }
    }

    private void run(double virtualSeconds) {
        sim.init();
        new Arrival().schedule(arrivals.nextDouble());
        new Event(sim) {
            @Override
            public void actions() {
                sim.stop();
            }
        }.schedule(virtualSeconds);
        sim.start();
    }

    /** CPU time of this thread: what a busy machine disturbs less than wall time. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        double virtualSeconds = Double.parseDouble(args[0]);
        int runs = Integer.parseInt(args[1]);
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            SsjMM4 model = new SsjMM4();
            model.run(virtualSeconds);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("ssj run=%d messages=%d events=%d mean_ms=%.5f seconds=%.4f cpu=%.4f%n", run,
                    model.latency.numberObs(), model.events, model.latency.average() * 1000, seconds, cpu);
        }
    }
}
