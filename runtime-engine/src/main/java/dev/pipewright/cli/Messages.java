// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

/** Turns an exception into one line a person reads, without class names or stack traces. */
final class Messages {
    private Messages() {
    }

    /** The exception's message on one line, or its kind in words when it has none. */
    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "")
                    .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        }
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
