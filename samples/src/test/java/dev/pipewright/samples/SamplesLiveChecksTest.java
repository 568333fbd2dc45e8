// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.brokers.artemis.ArtemisLiveRun;
import dev.pipewright.brokers.rabbitmq.LiveRun;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.io.FlowFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample can be run live: neither RabbitMQ's nor Artemis's live checks refuse it. */
class SamplesLiveChecksTest {
    static List<Path> sampleFiles() throws Exception {
        return SamplesTest.sampleFiles().toList();
    }

    @Test
    void thereAreSamplesToCheck() throws Exception {
        assertThat(sampleFiles()).hasSizeGreaterThanOrEqualTo(28);
    }

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void everySamplePassesTheRabbitMqLiveChecks(Path file) throws Exception {
        Flow flow = FlowFiles.read(file);
        assertThat(errors(LiveRun.check(flow))).as(file + " on RabbitMQ").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void everySamplePassesTheArtemisLiveChecks(Path file) throws Exception {
        Flow flow = FlowFiles.read(file);
        assertThat(errors(ArtemisLiveRun.check(flow))).as(file + " on Artemis").isEmpty();
    }

    private static List<String> errors(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::message).toList();
    }
}
