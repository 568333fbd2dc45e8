// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers;

/** A broker could not be reached or refused what was asked; the message is one sentence naming its address. */
public final class BrokerAccessException extends Exception {
    private static final long serialVersionUID = 1L;

    public BrokerAccessException(String message) {
        super(message);
    }

    public BrokerAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
