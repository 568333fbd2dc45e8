// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.lessons;

import atlantafx.base.theme.Styles;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The welcome a first start shows over the canvas: what Pipewright is, and a way into the first
 * lesson. Either button puts it away for good (the window remembers that it was shown).
 */
public final class WelcomeCard extends StackPane {
    /**
     * @param firstLesson the title of the lesson the start button leads to
     * @param start opens the first lesson
     * @param closed called when the card is put away, by either button
     */
    public WelcomeCard(String firstLesson, Runnable start, Runnable closed) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(closed, "closed");
        setId("welcome");
        getStyleClass().add("welcome-scrim");
        FontIcon icon = new FontIcon("mdi2p-pipe");
        icon.getStyleClass().add("welcome-icon");
        Label title = new Label("Welcome to Pipewright");
        title.getStyleClass().add("welcome-title");
        Label text = new Label("Draw sources, queues, topics and consumers, press play, and watch messages flow:"
                + " queues fill and drain, latencies update live, and faults can be injected while it runs.\n\n"
                + "The lessons teach one messaging pattern each, with a flow that shows it and steps to try on it."
                + " Start with \u201c" + firstLesson + "\u201d.");
        text.setWrapText(true);
        text.getStyleClass().add("welcome-text");
        Button go = new Button("Start the first lesson", new FontIcon("mdi2s-school-outline"));
        go.setId("welcome-start");
        go.getStyleClass().add(Styles.ACCENT);
        go.setDefaultButton(true);
        Button later = new Button("Explore on my own");
        later.setId("welcome-close");
        later.getStyleClass().add(Styles.FLAT);
        go.setOnAction(e -> {
            close(closed);
            start.run();
        });
        later.setOnAction(e -> close(closed));
        HBox buttons = new HBox(8, go, later);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox card = new VBox(12, icon, title, text, buttons);
        card.getStyleClass().add("welcome-card");
        card.setMaxSize(460, USE_PREF_SIZE);
        getChildren().add(card);
    }

    private void close(Runnable closed) {
        if (getParent() instanceof javafx.scene.layout.Pane p) {
            p.getChildren().remove(this);
        }
        closed.run();
    }
}
