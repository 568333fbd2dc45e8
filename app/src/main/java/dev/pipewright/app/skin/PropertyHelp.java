// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

import java.util.Objects;

/**
 * How the properties sheet shows one property.
 *
 * @param group the group it appears under
 * @param label what a person reads
 * @param description the help shown on hover
 */
public record PropertyHelp(String group, String label, String description) {
    public PropertyHelp {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
    }
}
