// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops JavaFX's start-up warning that it was loaded from the class path, which the tests do on
 * purpose (TestFX on the headless platform); every other log record passes. Named by
 * src/test/resources/test-logging.properties.
 */
public final class ClassPathFxWarningFilter implements Filter {
    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        return message == null || !message.startsWith("Unsupported JavaFX configuration");
    }
}
