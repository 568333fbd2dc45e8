// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config;

import dev.pipewright.model.check.Finding;
import java.util.List;
import java.util.Objects;

/**
 * A flow written in a broker's or a standard's format, and what that format could not hold.
 *
 * @param text the document, ready to save
 * @param warnings what the document leaves out or changes, each naming its node
 */
public record Exported(String text, List<Finding> warnings) {
    public Exported {
        Objects.requireNonNull(text, "text");
        warnings = List.copyOf(warnings);
    }
}
