// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import java.util.Arrays;
import java.util.Optional;
import javafx.application.Application;

/**
 * Starts the designer. JavaFX refuses to start an {@link Application} subclass named directly as
 * the main class when it is on the class path, so this plain class launches it.
 *
 * <p>Arguments: none (opens the default sample), a flow file to open, {@code --sample ID}, or
 * {@code --smoke-test [FILE | --sample ID]} (see {@link SmokeTest}). A
 * mistake in them, or a machine that cannot show a window, ends with one sentence and exit code 2.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        boolean smokeTest = SmokeTest.requested(args);
        if (!smokeTest) {
            try {
                StartupOptions.parse(Arrays.asList(args));
            } catch (StartupOptions.UsageException e) {
                fail(e.getMessage());
            }
        }
        DesktopCheck.beforeStart(System.getenv(), System.getProperty("os.name"), System.getProperty("glass.platform"))
                .ifPresent(Main::fail);
        if (smokeTest) {
            System.exit(SmokeTest.run(args));
        }
        try {
            Application.launch(PipewrightApp.class, args);
        } catch (RuntimeException | LinkageError e) {
            Optional<String> explained = DesktopCheck.afterFailure(e, System.getenv());
            if (explained.isEmpty()) {
                throw e;
            }
            fail(explained.get());
        }
    }

    private static void fail(String sentence) {
        System.err.println("pipewright: " + sentence);
        System.exit(2);
    }
}
