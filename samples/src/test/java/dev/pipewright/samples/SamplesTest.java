// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
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
        assertThat(80 / workers.capacityPerSecond()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.01));
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
