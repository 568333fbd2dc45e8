// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/**
 * What a flow is called and what it is for.
 *
 * @param name shown in the title bar and reports
 * @param description free text, e.g. the pattern the flow shows
 */
public record FlowInfo(String name, String description) {
    public FlowInfo {
        name = name == null || name.isBlank() ? "Untitled flow" : name;
        description = description == null ? "" : description;
    }
}
