// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.live;

/**
 * A live run could not go on: the broker is down, refused the login, lacks a permission or refused
 * a declaration. The message is one sentence that names the broker's address (with the password
 * masked) and what to do; it never holds a stack trace.
 */
public final class LiveFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure with a sentence a person reads. */
    public LiveFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
