// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Help ▸ Keyboard Shortcuts: every command with its shortcut, and the canvas' mouse gestures. */
final class ShortcutsSheet {
    private static final List<String[]> GESTURES = List.of(
            new String[] {"Add a node", "Drag it from the palette, or double-click it there"},
            new String[] {"Wire two nodes", "Drag from an output port to a node"},
            new String[] {"Select more", "Shift-click or Ctrl-click; drag on empty canvas"},
            new String[] {"Rename in place", "Double-click a node"},
            new String[] {"Pan", "Space + drag, middle button, or scroll"},
            new String[] {"Zoom around the pointer", "Ctrl + wheel, or pinch"},
            new String[] {"Clear selection / cancel a wire", "Esc"});

    /** The Run menu's shortcuts (the live view owns that menu, so they are not among the actions). */
    private static final List<String[]> RUN = List.of(
            new String[] {"Play / Pause", "F5"},
            new String[] {"Step One Event", "F6"},
            new String[] {"Reset Run", "Ctrl+F5"});

    private ShortcutsSheet() {
    }

    static void show(Window owner, List<AppAction> actions) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Keyboard Shortcuts");
        dialog.setHeaderText(null);
        dialog.getDialogPane().setId("shortcuts-sheet");
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);

        Map<String, GridPane> groups = new LinkedHashMap<>();
        for (AppAction a : actions) {
            if (a.accelerator() == null) {
                continue;
            }
            GridPane grid = groups.computeIfAbsent(a.group(), g -> grid());
            int row = grid.getRowCount();
            grid.add(label(a.text().replace("…", ""), "shortcut-name"), 0, row);
            grid.add(keys(a.accelerator().getDisplayText()), 1, row);
        }
        GridPane run = grid();
        for (String[] r : RUN) {
            int row = run.getRowCount();
            run.add(label(r[0], "shortcut-name"), 0, row);
            run.add(keys(r[1]), 1, row);
        }
        groups.put("Run", run);
        GridPane canvas = grid();
        for (String[] g : GESTURES) {
            int row = canvas.getRowCount();
            canvas.add(label(g[0], "shortcut-name"), 0, row);
            canvas.add(label(g[1], "shortcut-gesture"), 1, row);
        }
        groups.put("Canvas", canvas);

        VBox left = new VBox(14);
        VBox right = new VBox(14);
        int i = 0;
        for (Map.Entry<String, GridPane> e : groups.entrySet()) {
            Label title = label(e.getKey(), "shortcut-group");
            VBox section = new VBox(6, title, e.getValue());
            (i++ % 2 == 0 ? left : right).getChildren().add(section);
        }
        HBox columns = new HBox(32, left, right);
        columns.setPadding(new Insets(8, 4, 8, 4));
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        ScrollPane scroll = new ScrollPane(columns);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(460);
        scroll.getStyleClass().add("edge-to-edge");
        dialog.getDialogPane().setContent(scroll);
        dialog.getDialogPane().setPrefWidth(760);
        dialog.getDialogPane().setMinWidth(Region.USE_PREF_SIZE); // else the window may open narrower and clip the keys
        dialog.getDialogPane().getStyleClass().add("shortcuts-sheet");
        dialog.show();
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(150);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setHalignment(HPos.LEFT);
        grid.getColumnConstraints().addAll(name, keys);
        return grid;
    }

    private static Label label(String text, String styleClass) {
        Label l = new Label(text);
        l.getStyleClass().add(styleClass);
        l.setWrapText(true);
        return l;
    }

    /** "Ctrl+Shift+S" as key caps. */
    private static Node keys(String display) {
        HBox box = new HBox(3);
        for (String k : display.split("\\+(?=.)")) {
            Label cap = new Label(k);
            cap.getStyleClass().add("key-cap");
            cap.setMinWidth(Region.USE_PREF_SIZE); // a key cap never wraps or elides ("Ctr / l")
            box.getChildren().add(cap);
        }
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }
}
