// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

import dev.pipewright.engine.template.PayloadTemplate;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Node;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Source;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What no live backend runs yet, in the words {@code check} uses: errors for what does not run
 * live, warnings for what runs without one of its properties. A backend adds its own to these.
 */
public final class LiveChecks {
    private LiveChecks() {
    }

    /** The findings every live backend shares, one sentence per node. */
    public static List<Finding> common(Flow flow) {
        return common(flow, false);
    }

    /**
     * As {@link #common(Flow)}; with {@code repliesAndDuplicates} the backend runs request/reply
     * and a source's duplicateRate itself (RabbitMQ and Artemis do), so neither is refused.
     */
    public static List<Finding> common(Flow flow, boolean repliesAndDuplicates) {
        List<Finding> out = new ArrayList<>();
        for (Node n : flow.nodes()) {
            switch (n) {
                case Processor p -> out.add(error(p, "processors do not run live yet; run it in the simulator"));
                case Endpoint e -> out.add(error(e, "endpoints do not run live yet; run it in the simulator"));
                case MessageStore m -> out.add(error(m, "message stores do not run live yet; run it in the simulator"));
                case Source s when s.replyQueue() != null && !repliesAndDuplicates ->
                        out.add(error(s, "request/reply does not run live yet; run it in the simulator"));
                case Consumer c when c.replies() && !repliesAndDuplicates ->
                        out.add(error(c, "request/reply does not run live yet; run it in the simulator"));
                case Source s when s.duplicateRate() > 0 && !repliesAndDuplicates -> out.add(new Finding(Severity.WARNING, s.id(), null,
                        "source '" + s.name() + "': duplicateRate is not applied in a live run", null));
                default -> { }
            }
            if (n instanceof Source s && s.payloadTemplate() != null && !s.payloadTemplate().isBlank()) {
                try {
                    new PayloadTemplate(s.payloadTemplate());
                } catch (IllegalArgumentException e) {
                    out.add(error(s, "property 'payloadTemplate': " + e.getMessage()));
                }
            }
        }
        return out;
    }

    /** An error naming the node by kind and name: "queue 'orders': WHAT". */
    public static Finding error(Node n, String what) {
        return new Finding(Severity.ERROR, n.id(), null, n.kind().displayName().toLowerCase(Locale.ROOT) + " '"
                + n.name() + "': " + what, null);
    }
}
