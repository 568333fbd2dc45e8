// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Conservation;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.io.FlowFiles;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample, whatever broker it was made for, runs under the Kafka profile (each queue a topic,
 * each consumer a group) for two minutes and accounts for every message: the conservation law holds.
 */
class KafkaProfileSamplesTest {
    static java.util.stream.Stream<Path> sampleFiles() throws java.io.IOException {
        return SamplesTest.sampleFiles();
    }

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void everySampleRunsUnderTheKafkaRulesAndKeepsTheConservationLaw(Path file) throws Exception {
        Flow flow = FlowFiles.read(file);
        Simulation sim = Simulation.create(flow.withInfo(flow.info().withBroker(Broker.KAFKA)), 1);
        sim.runUntil(120);
        Conservation c = sim.conservation();
        assertThat(c.holds()).as("%s: %s", file, c).isTrue();
        assertThat(sim.snapshot().conservation().holds()).isTrue();
        assertThat(c.produced()).as(file.toString()).isPositive();
    }
}
