// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.edit;

import dev.pipewright.model.Flow;

/**
 * One edit of a flow, as a person names it ("Move 3 nodes"). An edit is a pure function from the
 * flow before to the flow after; {@link EditHistory} keeps both, so undo is exact.
 */
public interface Edit {
    /** What the edit does, for the Undo and Redo menu items. */
    String description();

    /**
     * The flow after the edit.
     *
     * @throws dev.pipewright.model.InvalidPropertyException when a value is refused
     * @throws IllegalArgumentException when the edit does not fit the flow (e.g. a missing node)
     */
    Flow apply(Flow flow);
}
