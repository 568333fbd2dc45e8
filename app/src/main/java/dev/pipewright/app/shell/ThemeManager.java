// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.pipewright.app.files.AppSettings;
import java.util.Objects;
import javafx.application.Application;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;

/**
 * Light and dark looks (AtlantaFX Primer), switched at once and remembered in the settings. The
 * app's own stylesheet uses the theme's looked-up colours, so it follows the switch.
 */
public final class ThemeManager {
    private static final String KEY = "theme.dark";
    /** The app's own stylesheet, added to every scene on top of the theme. */
    public static final String APP_CSS = Objects.requireNonNull(
            ThemeManager.class.getResource("app.css"), "app.css").toExternalForm();

    private final BooleanProperty dark = new SimpleBooleanProperty();

    ThemeManager(AppSettings settings) {
        dark.set(settings.flag(KEY, false));
        apply(dark.get());
        dark.addListener((obs, was, now) -> {
            apply(now);
            settings.setFlag(KEY, now);
        });
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    /** Adds the app's stylesheet to a scene, e.g. a dialog's. */
    public static void style(Scene scene) {
        if (!scene.getStylesheets().contains(APP_CSS)) {
            scene.getStylesheets().add(APP_CSS);
        }
    }

    /** Sets the theme for the whole application. */
    public static void apply(boolean darkTheme) {
        Application.setUserAgentStylesheet(darkTheme ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
