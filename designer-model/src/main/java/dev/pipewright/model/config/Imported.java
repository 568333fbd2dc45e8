// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config;

import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import java.util.List;
import java.util.Objects;

/**
 * A flow built from a broker's configuration, laid out, and what Pipewright could not model of it.
 *
 * @param flow the flow
 * @param scope the part of the configuration it came from (a RabbitMQ virtual host), or null
 * @param warnings everything left out, each naming the exchange, queue, binding or setting
 */
public record Imported(Flow flow, String scope, List<Finding> warnings) {
    public Imported {
        Objects.requireNonNull(flow, "flow");
        warnings = List.copyOf(warnings);
    }
}
