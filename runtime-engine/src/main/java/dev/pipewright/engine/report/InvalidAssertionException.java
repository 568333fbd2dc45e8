// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

/**
 * An assertion that cannot be read or does not fit the flow (an unknown node or metric, a value
 * without the unit it needs). The message names the assertion and says how to write it.
 */
public final class InvalidAssertionException extends IllegalArgumentException {
    public InvalidAssertionException(String message) {
        super(message);
    }
}
