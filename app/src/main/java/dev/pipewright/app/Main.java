// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import javafx.application.Application;

/**
 * Starts the designer. JavaFX refuses to start an {@link Application} subclass named directly as
 * the main class when it is on the class path, so this plain class launches it.
 *
 * <p>Arguments: none (opens the default sample), a flow file to open, or {@code --sample ID}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (SmokeTest.requested(args)) {
            System.exit(SmokeTest.run(args));
        }
        Application.launch(PipewrightApp.class, args);
    }
}
