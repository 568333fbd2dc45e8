// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import dev.pipewright.model.TerminalText;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Says in one sentence why the desktop app cannot open a window here, and what to do about it:
 * JavaFX itself answers a missing display or GTK library with a long stack trace.
 */
final class DesktopCheck {
    static final String NO_DISPLAY = "the app needs a graphical display, and none is set (DISPLAY and WAYLAND_DISPLAY"
            + " are empty): start it from a desktop session, or under a virtual display with `xvfb-run ./pipewright`"
            + " (apt-get install xvfb); the command line (`pipewright check|run ...`) needs no display.";
    static final String NO_GTK = "the app needs the GTK 3 library (libgtk-3.so.0), which this machine lacks:"
            + " install it with `sudo apt-get install libgtk-3-0` (Debian, Ubuntu) or `sudo dnf install gtk3`"
            + " (Fedora); the command line (`pipewright check|run ...`) needs no GTK.";

    private DesktopCheck() {
    }

    /** What is missing before JavaFX is even started, judged from the environment; empty when nothing is. */
    static Optional<String> beforeStart(Map<String, String> env, String osName, String glassPlatform) {
        boolean linux = osName != null && osName.toLowerCase(Locale.ROOT).contains("linux");
        if (!linux || "headless".equalsIgnoreCase(glassPlatform)) {
            return Optional.empty();
        }
        if (isBlank(env.get("DISPLAY")) && isBlank(env.get("WAYLAND_DISPLAY"))) {
            return Optional.of(NO_DISPLAY);
        }
        return Optional.empty();
    }

    /** The sentence for JavaFX's failure to start, when it is one a person can fix; empty otherwise. */
    static Optional<String> afterFailure(Throwable failure, Map<String, String> env) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (message.contains("Unable to load glass GTK library") || (t instanceof UnsatisfiedLinkError
                    && message.contains("gtk"))) {
                return Optional.of(NO_GTK);
            }
            if (message.contains("Unable to open DISPLAY")) {
                String display = env.getOrDefault("DISPLAY", "");
                return Optional.of(display.isBlank() ? NO_DISPLAY
                        : "the app cannot open the display '" + TerminalText.escape(display) + "' named by DISPLAY:"
                                + " check that its X server runs and lets you in (xhost, XAUTHORITY), or use"
                                + " `xvfb-run ./pipewright`; the command line needs no display.");
            }
        }
        return Optional.empty();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
