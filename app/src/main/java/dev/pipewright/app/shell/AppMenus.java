// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import dev.pipewright.app.files.Samples;
import java.nio.file.Path;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/** The menu bar: File, Edit, View and Help, built from the window's actions. */
final class AppMenus {
    private final MainWindow window;
    private final AppActions a;
    private final Menu recent = new Menu("Open Recent");

    AppMenus(MainWindow window, AppActions actions) {
        this.window = Objects.requireNonNull(window, "window");
        this.a = Objects.requireNonNull(actions, "actions");
    }

    MenuBar build() {
        Menu file = new Menu("File");
        file.setId("menu-file");
        recent.setId("menu-recent");
        Menu samples = new Menu("Open Sample");
        samples.setId("menu-samples");
        for (Samples.Entry s : Samples.all()) {
            MenuItem item = new MenuItem(s.title());
            item.setId("sample-" + s.id());
            item.setOnAction(e -> window.openSample(s));
            samples.getItems().add(item);
        }
        samples.setDisable(samples.getItems().isEmpty());
        fillRecent();
        window.documents().recentFiles().files().addListener((ListChangeListener<Path>) c -> fillRecent());
        Menu importMenu = new Menu("Import");
        importMenu.setId("menu-import");
        importMenu.getItems().addAll(a.importRabbit.menuItem(), a.importArtemis.menuItem(), new SeparatorMenuItem(),
                a.importBroker.menuItem());
        Menu exportMenu = new Menu("Export");
        exportMenu.setId("menu-export");
        exportMenu.getItems().addAll(a.exportRabbit.menuItem(), a.exportArtemis.menuItem(), a.exportSqs.menuItem(), a.exportPubSub.menuItem(), a.exportKafka.menuItem(), a.exportAsyncApi.menuItem(),
                new SeparatorMenuItem(), a.exportPng.menuItem(), a.exportSvg.menuItem(), a.exportMermaid.menuItem());
        file.getItems().addAll(a.newFlow.menuItem(), a.open.menuItem(), recent, samples, new SeparatorMenuItem(),
                a.save.menuItem(), a.saveAs.menuItem(), new SeparatorMenuItem(),
                importMenu, exportMenu, new SeparatorMenuItem(),
                a.quit.menuItem());

        Menu edit = new Menu("Edit");
        edit.setId("menu-edit");
        edit.getItems().addAll(a.undo.menuItem(), a.redo.menuItem(), new SeparatorMenuItem(),
                a.cut.menuItem(), a.copy.menuItem(), a.paste.menuItem(), a.duplicate.menuItem(), a.delete.menuItem(),
                new SeparatorMenuItem(), a.selectAll.menuItem(), a.rename.menuItem());

        Menu view = new Menu("View");
        view.setId("menu-view");
        view.getItems().addAll(a.zoomIn.menuItem(), a.zoomOut.menuItem(), a.actualSize.menuItem(), a.fit.menuItem(),
                new SeparatorMenuItem(), a.snap.menuItem(), a.layout.menuItem(), new SeparatorMenuItem(),
                a.darkTheme.menuItem(), new SeparatorMenuItem(),
                a.showPalette.menuItem(), a.showProperties.menuItem(), a.showProblems.menuItem());

        Menu help = new Menu("Help");
        help.setId("menu-help");
        MenuItem lessons = new MenuItem("Lessons", new org.kordamp.ikonli.javafx.FontIcon("mdi2s-school-outline"));
        lessons.setId("menu-lessons");
        lessons.setOnAction(e -> window.showLessons());
        help.getItems().addAll(lessons, a.shortcuts.menuItem(), new SeparatorMenuItem(), a.about.menuItem());

        MenuBar bar = new MenuBar(file, edit, view, help);
        bar.setId("menu-bar");
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private void fillRecent() {
        recent.getItems().clear();
        var files = window.documents().recentFiles().files();
        for (Path p : files) {
            MenuItem item = new MenuItem(p.getFileName() + "   —   " + shorten(p.getParent()));
            item.setMnemonicParsing(false);
            item.setOnAction(e -> window.documents().open(p));
            recent.getItems().add(item);
        }
        if (!files.isEmpty()) {
            MenuItem clear = new MenuItem("Clear Recent");
            clear.setOnAction(e -> window.documents().recentFiles().clear());
            recent.getItems().addAll(new SeparatorMenuItem(), clear);
        }
        recent.setDisable(files.isEmpty());
    }

    private static String shorten(Path folder) {
        if (folder == null) {
            return "";
        }
        String home = System.getProperty("user.home");
        String s = folder.toString();
        return home != null && s.startsWith(home) ? "~" + s.substring(home.length()) : s;
    }
}
