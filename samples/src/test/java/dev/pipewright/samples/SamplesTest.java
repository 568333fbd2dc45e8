// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.engine.oracle.OracleAssert;
import dev.pipewright.engine.oracle.Replications;
import dev.pipewright.engine.theory.QueueingTheory;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Queue;
import dev.pipewright.model.check.FlowChecks;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.io.FlowFiles;
import dev.pipewright.model.io.FlowJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SamplesTest {
    private static final Path FLOWS = Path.of("flows");

    static Stream<Path> sampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(FLOWS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".flow.json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void everySampleFileLoadsAndHasNoErrors(Path file) throws Exception {
        Flow flow = FlowFiles.read(file);

        List<Finding> errors = FlowChecks.all(flow).stream().filter(f -> f.severity() == Severity.ERROR).toList();
        assertThat(errors).isEmpty();
        assertThat(flow.nodes()).isNotEmpty();
        assertThat(flow.info().description()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void everySampleFileIsInCanonicalFormat(Path file) throws Exception {
        assertThat(Files.readString(file)).isEqualTo(FlowJson.write(FlowFiles.read(file)));
    }

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void everySampleFileIsInTheCatalog(Path file) {
        assertThat(SampleCatalog.all()).extracting(SampleCatalog.Sample::resource).contains(file.getFileName().toString());
    }

    @Test
    void everyCatalogEntryLoadsFromTheClassPath() {
        assertThat(SampleCatalog.all()).hasSizeGreaterThanOrEqualTo(4);
        for (SampleCatalog.Sample sample : SampleCatalog.all()) {
            assertThat(sample.load().info().name()).as(sample.id()).isEqualTo(sample.title());
        }
    }

    @Test
    void samplesHaveNoWarnings() {
        for (SampleCatalog.Sample sample : SampleCatalog.all()) {
            assertThat(FlowChecks.all(sample.load())).as(sample.id())
                    .noneMatch(f -> f.severity() == Severity.WARNING);
        }
    }

    @Test
    void competingConsumersRunsAtAboutEightyPercentUtilisation() {
        Flow flow = SampleCatalog.byId("competing-consumers").orElseThrow().load();
        Consumer workers = flow.nodes().stream().filter(n -> n instanceof Consumer).map(Consumer.class::cast)
                .findFirst().orElseThrow();
        assertThat(workers.instances()).isEqualTo(3);

        // The lesson's claim, measured: 80 orders/s on three instances of 30 ms (M/M/3) keep each
        // instance busy 80% of the time, and orders wait as Erlang C says (oracle's rule).
        double lambda = 80;
        double mu = 1 / 0.030;
        double measured = 5000; // seconds after a 100 s warm-up, per replication (about 5 s in all)
        List<Snapshot> runs = new ArrayList<>();
        for (int seed = 1; seed <= 10; seed++) {
            Simulation sim = Simulation.create(flow, seed);
            sim.setSampleInterval(measured + 100);
            sim.runUntil(100);
            sim.resetStatistics();
            sim.runUntil(measured + 100);
            runs.add(sim.snapshot());
        }
        // Busy time over instance time: messages finished times their mean processing time.
        OracleAssert.matches("competing consumers: utilisation", measure(runs, s -> {
            NodeStats c = s.node(workers.id());
            return c.out() * c.timeInNode().meanMs() / 1000 / (workers.instances() * measured);
        }), lambda / (workers.instances() * mu));
        OracleAssert.matches("competing consumers: mean wait in 'orders' (s)",
                measure(runs, s -> s.node("orders").timeInNode().meanMs() / 1000),
                QueueingTheory.mmcMeanWait(workers.instances(), lambda, mu));
    }

    private static Replications measure(List<Snapshot> runs, ToDoubleFunction<Snapshot> measure) {
        return new Replications(runs.stream().mapToDouble(measure).toArray());
    }

    @Test
    void deadLetterSampleLimitsDeliveriesAndHasADeadLetterTarget() {
        Flow flow = SampleCatalog.byId("dead-letter-queue").orElseThrow().load();
        Queue payments = (Queue) flow.node("payments").orElseThrow();

        assertThat(payments.deliveryLimit()).isEqualTo(3);
        assertThat(flow.outgoing("payments", dev.pipewright.model.Port.DEAD_LETTER)).hasSize(1);
    }

    @Test
    void nodesDoNotOverlapOnTheCanvas() {
        for (SampleCatalog.Sample sample : SampleCatalog.all()) {
            List<dev.pipewright.model.Node> nodes = sample.load().nodes();
            for (int i = 0; i < nodes.size(); i++) {
                for (int j = i + 1; j < nodes.size(); j++) {
                    var a = nodes.get(i).position();
                    var b = nodes.get(j).position();
                    boolean overlap = Math.abs(a.x() - b.x()) < 160 && Math.abs(a.y() - b.y()) < 70;
                    assertThat(overlap).as(sample.id() + ": " + nodes.get(i).id() + " and " + nodes.get(j).id()).isFalse();
                }
            }
        }
    }
}
