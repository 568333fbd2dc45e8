// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import dev.pipewright.app.editor.EditorState;
import dev.pipewright.app.skin.KindSkins;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Position;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseDragEvent;

/**
 * The canvas as the target of a drag from the palette: while a palette item is dragged over it,
 * a faint card shows where the node will land; releasing adds the node there (one edit).
 */
final class PaletteDrop {
    private final FlowCanvas canvas;
    private final EditorState state;
    private NodeView dropGhost;

    PaletteDrop(FlowCanvas canvas) {
        this.canvas = canvas;
        this.state = canvas.state();
    }

    void install() {
        canvas.addEventHandler(MouseDragEvent.MOUSE_DRAG_OVER, this::paletteDragOver);
        canvas.addEventHandler(MouseDragEvent.MOUSE_DRAG_EXITED, e -> removeGhost());
        canvas.addEventHandler(MouseDragEvent.MOUSE_DRAG_RELEASED, this::paletteDropped);
    }

    private void paletteDragOver(MouseDragEvent e) {
        NodeKind kind = kindOf(e.getGestureSource());
        if (kind == null) {
            return;
        }
        Point2D p = canvas.screenToCanvas(new Point2D(e.getX(), e.getY()));
        if (dropGhost == null || dropGhost.node().kind() != kind) {
            removeGhost();
            Node sample = Node.create(kind, "drop-preview", kind.displayName(), Position.ORIGIN);
            dropGhost = new NodeView(sample, KindSkins.summary(sample, state.flow()));
            dropGhost.getStyleClass().add("drop-ghost");
            dropGhost.setMouseTransparent(true);
            canvas.gestureLayer().getChildren().add(dropGhost);
        }
        Position at = canvas.snap(new Position(p.getX() - NodeView.WIDTH / 2, p.getY() - NodeView.HEIGHT / 2));
        dropGhost.relocate(at.x(), at.y());
        e.consume();
    }

    private void paletteDropped(MouseDragEvent e) {
        NodeKind kind = kindOf(e.getGestureSource());
        removeGhost();
        if (kind != null) {
            canvas.addNode(kind, canvas.screenToCanvas(new Point2D(e.getX(), e.getY())));
            canvas.requestFocus();
            e.consume();
        }
    }

    private void removeGhost() {
        if (dropGhost != null) {
            canvas.gestureLayer().getChildren().remove(dropGhost);
            dropGhost = null;
        }
    }

    private static NodeKind kindOf(Object source) {
        if (source instanceof javafx.scene.Node n && n.getProperties().get(FlowCanvas.KIND_PROPERTY) instanceof NodeKind k) {
            return k;
        }
        return null;
    }
}
