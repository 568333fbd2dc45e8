// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.pipewright.app.editor.EditorState;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.palette.Palette;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Pictures of the canvas and palette with a realistic flow in the light and dark themes, for
 * looking at the design. Runs only when asked: {@code -Dpw.screenshots=/some/dir}.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "pw.screenshots", matches = ".+")
class CanvasScreenshots {
    private EditorState state;
    private FlowCanvas canvas;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        state = new EditorState(CanvasFixtures.realistic());
        canvas = new FlowCanvas(state);
        BorderPane root = new BorderPane(canvas);
        root.setLeft(new Palette(canvas));
        stage.setScene(new Scene(root, 1440, 820));
        stage.show();
    }

    @Test
    void lightAndDark(FxRobot robot) throws IOException {
        Path dir = Path.of(System.getProperty("pw.screenshots"));
        Files.createDirectories(dir);
        for (boolean dark : new boolean[] {false, true}) {
            String theme = dark ? "dark" : "light";
            robot.interact(() -> {
                Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                        : new PrimerLight().getUserAgentStylesheet());
                canvas.fitToWindow();
                state.select(new Selection(Set.of("billing"), Set.of()));
            });
            WaitForAsyncUtils.waitForFxEvents();
            save(fx(() -> stage.getScene().snapshot(null)), dir.resolve("canvas-" + theme + ".png"));
            save(fx(() -> canvas.renderImage(1.5)), dir.resolve("diagram-" + theme + ".png"));
        }
    }

    @Test
    void wiringInProgressAndARefusal(FxRobot robot) throws IOException {
        Path dir = Path.of(System.getProperty("pw.screenshots"));
        Files.createDirectories(dir);
        robot.interact(() -> {
            canvas.resetZoom();
            canvas.centreOn("billing");
        });
        javafx.geometry.Point2D port = portOnScreen("billing", dev.pipewright.model.Port.OUT);
        robot.drag(port, javafx.scene.input.MouseButton.PRIMARY).moveTo(cardCentreOnScreen("shipping"));
        save(fx(() -> stage.getScene().snapshot(null)), dir.resolve("canvas-wiring.png"));
        robot.drop();
        robot.drag(portOnScreen("billing-workers", dev.pipewright.model.Port.OUT), javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(cardCentreOnScreen("web-orders")).drop();
        WaitForAsyncUtils.waitForFxEvents();
        save(fx(() -> stage.getScene().snapshot(null)), dir.resolve("canvas-refused.png"));
        robot.drag("#palette-consumer", javafx.scene.input.MouseButton.PRIMARY).moveTo(cardCentreOnScreen("shipping").add(0, 160));
        save(fx(() -> stage.getScene().snapshot(null)), dir.resolve("canvas-palette-drag.png"));
        robot.drop();
    }

    private javafx.geometry.Point2D portOnScreen(String id, dev.pipewright.model.Port port) {
        javafx.geometry.Bounds b = canvas.nodeBounds(id).orElseThrow();
        javafx.geometry.Point2D offset = NodeView.portOffset(state.flow().node(id).orElseThrow().kind(), port);
        return canvas.localToScreen(canvas.canvasToScreen(new javafx.geometry.Point2D(b.getMinX() + offset.getX(),
                b.getMinY() + offset.getY())));
    }

    private javafx.geometry.Point2D cardCentreOnScreen(String id) {
        javafx.geometry.Bounds b = canvas.nodeBounds(id).orElseThrow();
        return canvas.localToScreen(canvas.canvasToScreen(new javafx.geometry.Point2D(b.getCenterX(), b.getCenterY())));
    }

    private static <T> T fx(Callable<T> task) {
        try {
            return WaitForAsyncUtils.asyncFx(task).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Image save(Image image, Path file) throws IOException {
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        return image;
    }
}
