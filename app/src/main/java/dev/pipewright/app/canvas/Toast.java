// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
import javafx.scene.control.Label;
import javafx.util.Duration;

/** A short message shown at the bottom of the canvas that fades away, e.g. why a wire was refused. */
final class Toast extends Label {
    private final SequentialTransition life;

    Toast() {
        getStyleClass().add("canvas-toast");
        setMouseTransparent(true);
        setVisible(false);
        setWrapText(true);
        setMaxWidth(680);
        PauseTransition stay = new PauseTransition(Duration.seconds(4));
        FadeTransition fade = new FadeTransition(Duration.millis(400), this);
        fade.setFromValue(1);
        fade.setToValue(0);
        life = new SequentialTransition(stay, fade);
        life.setOnFinished(e -> setVisible(false));
    }

    void show(String message, boolean problem) {
        setText(message);
        getStyleClass().remove("problem");
        if (problem) {
            getStyleClass().add("problem");
        }
        setOpacity(1);
        setVisible(true);
        life.playFromStart();
    }
}
