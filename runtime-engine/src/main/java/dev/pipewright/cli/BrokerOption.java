// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import dev.pipewright.model.Broker;
import picocli.CommandLine.Option;

/** {@code --broker NAME}, shared by {@code check} and {@code run}: the rules to follow instead of the flow's profile. */
final class BrokerOption {
    @Option(names = "--broker", paramLabel = "generic|rabbitmq|artemis|sqs|pubsub|mqtt|kafka|nats", converter = OptionValues.BrokerName.class,
            description = "follow this broker's rules instead of the flow's own profile")
    private Broker broker;

    /** The broker named, or null to keep the flow's own. */
    Broker broker() {
        return broker;
    }
}
