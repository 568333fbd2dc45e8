// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import atlantafx.base.theme.Styles;
import dev.pipewright.model.FlowInfo;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * "About this flow": the flow's name and description over the canvas when a flow opens, so a
 * sample's lesson is read in full before anything else (in the properties sheet it sits in a
 * field). It takes no room until shown, and the close button puts it away.
 */
final class FlowBanner extends HBox {
    private final Label title = new Label();
    private final Label description = new Label();

    FlowBanner() {
        setId("flow-banner");
        getStyleClass().add("flow-banner");
        setAlignment(Pos.TOP_LEFT);
        setSpacing(10);
        FontIcon icon = new FontIcon("mdi2i-information-outline");
        icon.getStyleClass().add("flow-banner-icon");
        title.setId("flow-banner-title");
        title.getStyleClass().add("flow-banner-title");
        description.setId("flow-banner-text");
        description.getStyleClass().add("flow-banner-text");
        description.setWrapText(true);
        description.setMinHeight(USE_PREF_SIZE); // every line of it, never cut with "…"
        VBox text = new VBox(3, title, description);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button(null, new FontIcon("mdi2c-close"));
        close.setId("flow-banner-close");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        close.setTooltip(new Tooltip("Close (the description stays in the properties of the flow)"));
        close.setOnAction(e -> hide());
        getChildren().addAll(icon, text, close);
        managedProperty().bind(visibleProperty());
        hide();
    }

    /** Shows the flow's name and description; hides the banner when there is no description. */
    void show(FlowInfo info) {
        boolean any = info.description() != null && !info.description().isBlank();
        title.setText("About this flow: " + info.name());
        description.setText(any ? info.description().strip() : "");
        setVisible(any);
    }

    void hide() {
        setVisible(false);
    }
}
