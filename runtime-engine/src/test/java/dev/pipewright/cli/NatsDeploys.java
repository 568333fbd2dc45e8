// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.model.Flow;
import io.nats.client.Connection;
import java.nio.file.Path;
import java.util.Set;

/** The command line's deploy of a flow on the local NATS server ({@link LocalNats}), for the NATS fidelity tests. */
final class NatsDeploys {
    private NatsDeploys() {
    }

    /**
     * The JSON report of {@code file}, which holds {@code flow}, deployed on the local server and
     * run for {@code duration} with {@code --teardown}: the deploy must succeed and no stream named
     * for {@code flow} may stay on the server. Skips (or fails under PIPEWRIGHT_REQUIRE_BROKERS=1)
     * where no server answers.
     */
    @SuppressWarnings("try") // jnats' Connection.close() may throw InterruptedException; the test lets it
    static JsonNode deployWithTeardown(Path file, Flow flow, String duration) throws Exception {
        try (Connection nc = LocalNats.connect()) {
            Set<String> before = NatsLeftovers.streams(nc);
            CliRun live = CliRun.of("deploy", file.toString(), "--nats", LocalNats.URL, "--run", duration, "--report",
                    "json", "--teardown");
            assertThat(live.exitCode()).as(live.err()).isZero();
            assertThat(NatsLeftovers.of(nc, before, flow)).as("streams of the run left on the server").isEmpty();
            return FidelityRuns.MAPPER.readTree(live.out());
        }
    }
}
