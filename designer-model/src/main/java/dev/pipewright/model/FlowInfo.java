// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/**
 * What a flow is called, what it is for, and whose rules it runs by.
 *
 * @param name shown in the title bar and reports
 * @param description free text, e.g. the pattern the flow shows
 * @param broker the broker profile its queues follow; {@link Broker#GENERIC} when not set
 */
public record FlowInfo(String name, String description, Broker broker) {
    public FlowInfo {
        name = name == null || name.isBlank() ? "Untitled flow" : name;
        description = description == null ? "" : description;
        broker = broker == null ? Broker.GENERIC : broker;
    }

    /** A flow's name and description, on the generic profile. */
    public FlowInfo(String name, String description) {
        this(name, description, Broker.GENERIC);
    }

    public FlowInfo withName(String newName) {
        return new FlowInfo(newName, description, broker);
    }

    public FlowInfo withDescription(String newDescription) {
        return new FlowInfo(name, newDescription, broker);
    }

    public FlowInfo withBroker(Broker newBroker) {
        return new FlowInfo(name, description, newBroker);
    }
}
