// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.model.Flow;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Topic;
import io.nats.client.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The streams a live run on the local NATS server left behind: new since {@code before}, under the
 * run prefix {@code pw-}, and named for one of the flow's queues or topics. Only the flow's own, so
 * another test's run on the same server at the same time is none of them.
 */
final class NatsLeftovers {
    private NatsLeftovers() {
    }

    static Set<String> streams(Connection nc) throws Exception {
        return new HashSet<>(nc.jetStreamManagement().getStreamNames());
    }

    static List<String> of(Connection nc, Set<String> before, Flow flow) throws Exception {
        Set<String> suffixes = new HashSet<>();
        flow.nodes().forEach(n -> {
            if (n instanceof QueueSettings) {
                suffixes.add("-" + n.name());
            } else if (n instanceof Topic) {
                suffixes.add("-topic-" + n.name());
            }
        });
        return streams(nc).stream().filter(s -> s.startsWith("pw-") && !before.contains(s))
                .filter(s -> suffixes.stream().anyMatch(s::endsWith)).sorted().toList();
    }
}
