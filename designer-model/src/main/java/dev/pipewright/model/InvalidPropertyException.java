// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/**
 * A property of a node, edge or flow was given a value it cannot take. The message names the
 * property and says what values it accepts, in words a person understands; control characters in
 * it (from a value it quotes) are escaped by {@link TerminalText#escape}.
 */
public final class InvalidPropertyException extends IllegalArgumentException {
    private final String property;

    public InvalidPropertyException(String property, String message) {
        super(TerminalText.escape(property + ": " + message));
        this.property = property;
    }

    /** The name of the offending property, as it is spelled in a flow file. */
    public String property() {
        return property;
    }
}
