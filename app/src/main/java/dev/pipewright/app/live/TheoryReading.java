// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.api.Latency;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A queue's queueing-theory reading next to the run's measurements: what M/M/c predicts for the
 * queue and the consumers taking from it, what the run measured, Little's law on both sides, and
 * growth or time to drain. Notes say where the model is only an approximation.
 *
 * @param queueId the queue
 * @param arrivalRate lambda the prediction uses: the run's average, or the recent rate when it changed
 * @param runArrivalRate messages in per second averaged over the run, for Little's law
 * @param servers consumer instances now taking messages (c)
 * @param serviceRate mu: messages one instance handles per second (1 / mean processing time), NaN without consumers
 * @param theory the M/M/c model, empty when there is no working consumer
 * @param measuredMeanReady time-weighted mean of ready messages over the run (Lq measured)
 * @param measuredMeanWaitSeconds mean wait from enqueue to delivery (Wq measured), NaN before the first delivery
 * @param measuredWaitP50Seconds median wait
 * @param depth messages held now (ready + unacknowledged + scheduled)
 * @param notes where the model differs from the flow, in words
 * @param measuredStartWaitSeconds mean wait from ready until a consumer instance starts the message,
 *     prefetch buffer included: what M/M/c's Wq means; NaN when not known
 * @param measuredStartWaitP50Seconds median of that wait
 */
public record TheoryReading(String queueId, double arrivalRate, double runArrivalRate, int servers,
                            double serviceRate, Optional<QueueTheory> theory, double measuredMeanReady,
                            double measuredMeanWaitSeconds, double measuredWaitP50Seconds, long depth,
                            List<String> notes, double measuredStartWaitSeconds,
                            double measuredStartWaitP50Seconds) {

    public TheoryReading {
        Objects.requireNonNull(queueId, "queueId");
        notes = List.copyOf(notes);
    }

    /** A reading without the wait to start of processing (NaN). */
    public TheoryReading(String queueId, double arrivalRate, double runArrivalRate, int servers,
                         double serviceRate, Optional<QueueTheory> theory, double measuredMeanReady,
                         double measuredMeanWaitSeconds, double measuredWaitP50Seconds, long depth,
                         List<String> notes) {
        this(queueId, arrivalRate, runArrivalRate, servers, serviceRate, theory, measuredMeanReady,
                measuredMeanWaitSeconds, measuredWaitP50Seconds, depth, notes, Double.NaN, Double.NaN);
    }

    /** Little's law, measured side: lambda (run average) times the mean wait. */
    public double littleLambdaW() {
        return runArrivalRate * measuredMeanWaitSeconds;
    }

    /** The utilisation rho = lambda / (c·mu); infinite when nothing serves the queue. */
    public double utilisation() {
        return theory.map(QueueTheory::utilisation).orElse(arrivalRate > 0 ? Double.POSITIVE_INFINITY : 0);
    }

    /** How fast the backlog grows, messages per second (0 when the consumers keep up or nothing is known). */
    public double growthRate() {
        return theory.map(QueueTheory::growthRate).orElse(arrivalRate > 0 ? arrivalRate : 0);
    }

    /** Seconds until the present backlog is gone at present rates; infinite when it grows. */
    public double timeToDrain() {
        return theory.map(t -> t.timeToDrain(depth)).orElse(depth == 0 ? 0 : Double.POSITIVE_INFINITY);
    }

    /**
     * The reading for queue {@code queueId} of {@code flow} in {@code snapshot}.
     *
     * @param recentArrivalRate lambda measured lately (e.g. by a {@link RateMeter}); used instead of the
     *     run's average when the two differ by more than a quarter; NaN to use the run's average
     */
    public static TheoryReading of(Flow flow, Snapshot snapshot, String queueId, double recentArrivalRate) {
        NodeStats q = snapshot.node(queueId);
        List<String> notes = new ArrayList<>();
        double runLambda = snapshot.time() > 0 ? q.in() / snapshot.time() : Double.NaN;
        // The run's average is steadier; the recent rate tells a change (a what-if, a flood) at once.
        boolean changed = Double.isFinite(recentArrivalRate) && Double.isFinite(runLambda)
                && Math.abs(recentArrivalRate - runLambda) > 0.25 * Math.max(runLambda, 1);
        double lambda = changed || !Double.isFinite(runLambda) ? recentArrivalRate : runLambda;
        if (changed) {
            notes.add("λ is the rate of the last seconds, as it differs from the run's average (a change, a flood).");
        }

        int servers = 0;
        double capacity = 0;
        boolean exponential = true;
        int maxPrefetch = 0;
        for (Edge e : flow.outgoing(queueId, Port.OUT)) {
            Optional<Node> target = flow.node(e.to());
            if (target.isEmpty() || !(target.get() instanceof Consumer c)) {
                continue;
            }
            NodeStats cs = snapshot.nodes().get(c.id());
            int working = cs == null ? c.instances() : cs.paused() > 0 ? 0 : cs.busy() + cs.idle();
            double mean = c.processingTime().meanSeconds();
            if (mean <= 0) {
                notes.add("'" + c.name() + "' takes no time to process a message, so it adds no waiting; left out");
                continue;
            }
            servers += working;
            capacity += working / mean;
            exponential &= c.processingTime().shape() == Distribution.Shape.EXPONENTIAL;
            maxPrefetch = Math.max(maxPrefetch, c.prefetch());
            if (c.failureRate() > 0) {
                notes.add("'" + c.name() + "' fails " + LiveFormat.percent(c.failureRate())
                        + " of messages; retries add to the arrivals the model sees");
            }
        }
        double mu = servers > 0 ? capacity / servers : Double.NaN;
        Optional<QueueTheory> theory = servers > 0 && Double.isFinite(lambda)
                ? Optional.of(new QueueTheory(Math.max(0, lambda), mu, servers)) : Optional.empty();
        if (servers == 0) {
            notes.add("No consumer instance takes messages from this queue, so whatever arrives stays in it.");
        }
        if (!exponential) {
            notes.add("Processing times are not exponential; M/M/c (exponential service) is used as an approximation.");
        }
        if (!poissonArrivals(flow, queueId)) {
            notes.add("Arrivals are not all Poisson; M/M/c assumes they are, so take the prediction as a guide.");
        }
        if (maxPrefetch > 1) {
            notes.add("Prefetch " + maxPrefetch + ": consumers hold messages as unacknowledged, so the queue's"
                    + " ready count is lower than the M/M/c queue length.");
        }
        Latency wait = q.timeInNode() == null ? Latency.NONE : q.timeInNode();
        Latency start = q.waitToStart() == null ? Latency.NONE : q.waitToStart();
        return new TheoryReading(queueId, lambda, runLambda, servers, mu, theory, q.meanReady(),
                wait.meanMs() / 1000, wait.p50Ms() / 1000, q.depth(), notes,
                start.meanMs() / 1000, start.p50Ms() / 1000);
    }

    /** True when every source wired straight into the queue sends Poisson arrivals. */
    private static boolean poissonArrivals(Flow flow, String queueId) {
        for (Edge e : flow.incoming(queueId)) {
            Optional<Node> from = flow.node(e.from());
            if (from.isPresent() && !(from.get() instanceof Source s && s.arrival() == Source.Arrival.POISSON)) {
                return false;
            }
        }
        return true;
    }
}
