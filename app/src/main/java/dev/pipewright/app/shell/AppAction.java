// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import atlantafx.base.theme.Styles;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One command of the app (Save, Undo, Zoom In...): its text, shortcut, icon and what it does, defined
 * once so the menu, the toolbar and the shortcuts sheet always agree.
 */
final class AppAction {
    private final String id;
    private final String group;
    private final StringProperty text = new SimpleStringProperty();
    private final KeyCombination accelerator;
    private final String icon;
    private final Runnable handler;
    private final BooleanProperty disabled = new SimpleBooleanProperty(false);
    private BooleanProperty selected;

    AppAction(String id, String group, String text, KeyCombination accelerator, String icon, Runnable handler) {
        this.id = Objects.requireNonNull(id, "id");
        this.group = group;
        this.text.set(text);
        this.accelerator = accelerator;
        this.icon = icon;
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    String id() {
        return id;
    }

    /** The menu it belongs to, for the shortcuts sheet. */
    String group() {
        return group;
    }

    StringProperty textProperty() {
        return text;
    }

    String text() {
        return text.get();
    }

    KeyCombination accelerator() {
        return accelerator;
    }

    void run() {
        if (!disabled.get()) {
            handler.run();
        }
    }

    /** Disables the action while {@code condition} holds. */
    AppAction disabledWhen(ObservableBooleanValue condition) {
        disabled.bind(condition);
        return this;
    }

    /** Makes this an on/off action bound to {@code state} (shown as a check menu item). */
    AppAction toggles(BooleanProperty state) {
        this.selected = state;
        return this;
    }

    boolean isToggle() {
        return selected != null;
    }

    MenuItem menuItem() {
        MenuItem item;
        if (selected != null) {
            CheckMenuItem check = new CheckMenuItem();
            check.selectedProperty().bindBidirectional(selected);
            item = check;
        } else {
            item = new MenuItem();
            item.setOnAction(e -> run());
            if (icon != null) {
                FontIcon graphic = new FontIcon(icon);
                graphic.getStyleClass().add("menu-icon");
                item.setGraphic(graphic);
            }
        }
        item.setId("menu-" + id);
        item.textProperty().bind(text);
        item.disableProperty().bind(disabled);
        if (accelerator != null) {
            item.setAccelerator(accelerator);
        }
        return item;
    }

    /** A flat icon button for the toolbar, with the text and shortcut as its tooltip. */
    Button button() {
        Button b = new Button(null, new FontIcon(icon));
        b.setId("tool-" + id);
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "tool-button");
        b.setFocusTraversable(false);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(
                () -> text.get().replace("…", "") + (accelerator == null ? "" : "  (" + accelerator.getDisplayText() + ")"), text));
        tip.setShowDelay(Duration.millis(400));
        b.setTooltip(tip);
        b.disableProperty().bind(disabled);
        b.setOnAction(e -> run());
        return b;
    }
}
