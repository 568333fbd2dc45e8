// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.app.canvas.FlowCanvas;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.skin.FaultOffer;
import dev.pipewright.app.skin.KindSkins;
import dev.pipewright.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.ContextMenuEvent;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The context menu of a node during a run: the faults and what-ifs its kind offers
 * ({@link FaultActions#offers}: crash, restore, pause, instances; rate, flood; endpoint down and
 * up). Outside a run the canvas keeps its own menu.
 */
final class FaultMenu {
    private final FlowCanvas canvas;
    private final RunController run;
    private final Runnable changeRate;
    private final Runnable followInInspector;
    private final ContextMenu menu = new ContextMenu();

    /**
     * {@code changeRate} opens the place where a source's rate is changed, and
     * {@code followInInspector} the place where a message published by hand is followed (both
     * the live inspector).
     */
    FaultMenu(FlowCanvas canvas, RunController run, Runnable changeRate, Runnable followInInspector) {
        this.canvas = Objects.requireNonNull(canvas, "canvas");
        this.run = Objects.requireNonNull(run, "run");
        this.changeRate = Objects.requireNonNull(changeRate, "changeRate");
        this.followInInspector = Objects.requireNonNull(followInInspector, "followInInspector");
        menu.setId("live-fault-menu");
        canvas.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, this::requested);
    }

    private void requested(ContextMenuEvent e) {
        if (run.latest() == null) {
            return;
        }
        Point2D p = canvas.screenToCanvas(new Point2D(e.getX(), e.getY()));
        Optional<Node> hit = nodeAt(p);
        if (hit.isEmpty()) {
            return;
        }
        List<MenuItem> items = items(hit.get());
        if (items.isEmpty()) {
            return;
        }
        canvas.state().select(Selection.ofNodes(Set.of(hit.get().id())));
        menu.getItems().setAll(items);
        menu.show(canvas, e.getScreenX(), e.getScreenY());
        e.consume();
    }

    private Optional<Node> nodeAt(Point2D p) {
        List<Node> nodes = canvas.state().flow().nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Optional<Bounds> b = canvas.nodeBounds(nodes.get(i).id());
            if (b.isPresent() && b.get().contains(p)) {
                return Optional.of(nodes.get(i));
            }
        }
        return Optional.empty();
    }

    /** The fault items for {@code node}; also used by the inspector's buttons. */
    List<MenuItem> items(Node node) {
        String id = node.id();
        List<MenuItem> items = new ArrayList<>();
        FaultActions actions = run.faultActions();
        RunFaults f = actions.faults();
        for (FaultOffer offer : KindSkins.of(node.kind()).faults()) {
            switch (offer) {
                case CRASH -> items.add(item("fault-crash", "Crash one instance", "mdi2s-skull-outline",
                        () -> actions.crashInstance(id)));
                case RESTORE -> {
                    MenuItem restore = item("fault-restore", "Restore crashed instance", "mdi2h-heart-pulse",
                            () -> actions.restoreInstance(id));
                    restore.setDisable(f.crashedCount(id) == 0);
                    items.add(restore);
                }
                case PAUSE -> {
                    boolean paused = f.isPaused(id);
                    items.add(item("fault-pause", paused ? "Resume consumer" : "Pause consumer",
                            paused ? "mdi2p-play-circle-outline" : "mdi2p-pause-circle-outline",
                            () -> actions.setConsumerPaused(id, !paused)));
                }
                case ADD_INSTANCE -> {
                    items.add(new SeparatorMenuItem());
                    items.add(item("fault-add-instance", "Add an instance", "mdi2p-plus", () -> actions.changeInstances(id, 1)));
                }
                case REMOVE_INSTANCE -> {
                    MenuItem remove = item("fault-remove-instance", "Remove an instance", "mdi2m-minus",
                            () -> actions.changeInstances(id, -1));
                    remove.setDisable(f.instances(id, run.runningFlow()) <= 1);
                    items.add(remove);
                }
                case PUBLISH_ONE -> {
                    MenuItem one = item("fault-publish-one", "Publish one message", "mdi2e-email-fast-outline", () -> {
                        actions.publishOne(id);
                        followInInspector.run();
                    });
                    // Followed hop by hop through its lineage, which a real broker does not keep.
                    one.setDisable(!run.can(dev.pipewright.engine.api.Capability.LINEAGE));
                    items.add(one);
                }
                case SET_RATE -> items.add(item("fault-rate", "Change rate…", "mdi2s-speedometer", changeRate));
                case FLOOD -> items.add(item("fault-flood", FaultActions.floodText(), "mdi2w-waves", () -> actions.flood(id)));
                case ENDPOINT_DOWN_OR_UP -> {
                    boolean down = f.isDown(id);
                    items.add(item("fault-endpoint", down ? "Bring up" : "Take down",
                            down ? "mdi2l-lan-connect" : "mdi2l-lan-disconnect",
                            () -> actions.setEndpointDown(id, !down)));
                }
            }
        }
        return items;
    }

    private static MenuItem item(String id, String text, String icon, Runnable action) {
        MenuItem item = new MenuItem(text, new FontIcon(icon));
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }
}
