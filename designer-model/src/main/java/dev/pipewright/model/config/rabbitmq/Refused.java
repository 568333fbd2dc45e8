// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.rabbitmq;

/**
 * A value the definitions reader refuses, with the JSON pointer of that value. Internal to the
 * reader: {@link DefinitionsReader} turns it into a {@code FlowFileException} naming its line and
 * column.
 */
final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String pointer;

    Refused(String pointer, String message) {
        super(message, null, false, false);
        this.pointer = pointer;
    }

    String pointer() {
        return pointer;
    }
}
