// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import dev.pipewright.app.canvas.EmptyCanvasHint;
import dev.pipewright.app.canvas.FlowCanvas;
import dev.pipewright.app.editor.EditorState;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.AppSettings;
import dev.pipewright.app.files.ConfigTransfer;
import dev.pipewright.app.files.Dialogs;
import dev.pipewright.app.files.DocumentService;
import dev.pipewright.app.files.FileDialogs;
import dev.pipewright.app.files.Samples;
import dev.pipewright.app.lessons.LessonLibrary;
import dev.pipewright.app.lessons.LessonsPanel;
import dev.pipewright.app.lessons.WelcomeCard;
import dev.pipewright.app.palette.Palette;
import dev.pipewright.app.problems.ProblemsPanel;
import dev.pipewright.app.properties.PropertiesPanel;
import dev.pipewright.engine.api.RunBackends;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The main window: menus and toolbar on top, the palette left, the canvas in the middle with the
 * problems below it, the properties right, and the status bar at the bottom. The side and bottom
 * areas are tab panes and the toolbar has an empty slot, so the live view can add its run
 * controls, charts and lessons without rearranging the window.
 */
public final class MainWindow {
    /** How often unsaved work is copied to the recovery folder. */
    public static final Duration AUTOSAVE_INTERVAL = Duration.seconds(5);
    /** The setting that remembers the welcome was shown. */
    static final String WELCOME_SHOWN = "welcome.shown";

    private final Stage stage;
    private final EditorState state = new EditorState(Flow.EMPTY);
    private final AppSettings settings;
    private final ThemeManager theme;
    private final Dialogs dialogs;
    private final FileDialogs fileDialogs;
    private final DocumentService documents;
    private final ConfigTransfer transfer;
    private final FlowCanvas canvas;
    private final PropertiesPanel properties;
    private final ProblemsPanel problems;
    private final BorderPane root = new BorderPane();
    private final Scene scene;
    private final HBox runSlot = new HBox();
    private final TabPane sideTabs = new TabPane();
    private final TabPane bottomTabs = new TabPane();
    private final SplitPane columns = new SplitPane();
    private final SplitPane centre = new SplitPane();
    private final Node paletteArea;
    private final BooleanProperty paletteShown = new SimpleBooleanProperty(true);
    private final BooleanProperty propertiesShown = new SimpleBooleanProperty(true);
    private final BooleanProperty problemsShown = new SimpleBooleanProperty(true);
    private final StatusBar statusBar;
    private final FlowBanner banner = new FlowBanner();
    private final AppActions actions;
    private final Timeline autosave;
    private final StackPane canvasHolder;
    private final LessonLibrary library = LessonLibrary.bundled();
    private dev.pipewright.app.live.LiveView live;
    private LessonsPanel lessons;
    private Tab lessonsTab;

    /** A window with the platform's real dialogs. */
    public MainWindow(Stage stage, AppHome home) {
        this(stage, home, null, null);
    }

    /**
     * A window whose dialogs and file choosers are given, e.g. fakes in tests; null for the real ones.
     */
    public MainWindow(Stage stage, AppHome home, Dialogs dialogs, FileDialogs fileDialogs) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.settings = new AppSettings(Objects.requireNonNull(home, "home"));
        this.theme = new ThemeManager(settings);
        this.dialogs = dialogs != null ? dialogs : new FxDialogs(stage);
        this.fileDialogs = fileDialogs != null ? fileDialogs : new FxFileDialogs(stage);
        this.documents = new DocumentService(state, this.dialogs, this.fileDialogs, home);
        this.canvas = new FlowCanvas(state);
        canvas.setId("flow-canvas");
        this.properties = new PropertiesPanel(state);
        this.transfer = new ConfigTransfer(state, documents, this.dialogs, this.fileDialogs, settings,
                Executors.newVirtualThreadPerTaskExecutor(), Platform::runLater, this::tell);
        this.problems = new ProblemsPanel(state, flow -> {
            List<Finding> found = new ArrayList<>(RunBackends.standard().check(flow));
            found.addAll(transfer.notes());
            return found;
        });
        transfer.notes().addListener((ListChangeListener<Finding>) c -> problems.recheck());
        problems.setOnOpen(this::openFinding);
        this.scene = new Scene(root, 1400, 860);
        this.canvasHolder = new StackPane(canvas, new EmptyCanvasHint(state));
        ThemeManager.style(scene);

        Palette palette = new Palette(canvas);
        ScrollPane paletteScroll = new ScrollPane(palette);
        paletteScroll.setFitToWidth(true);
        paletteScroll.setFitToHeight(true);
        paletteScroll.getStyleClass().addAll("palette-scroll", "edge-to-edge");
        paletteScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox paletteBox = new VBox(paletteScroll);
        paletteBox.getStyleClass().add("palette-area");
        paletteBox.setId("palette-area");
        VBox.setVgrow(paletteScroll, javafx.scene.layout.Priority.ALWAYS);
        paletteArea = paletteBox;

        this.statusBar = new StatusBar(state, problems, canvas.zoomProperty(), () -> problemsShown.set(true));
        this.actions = new AppActions(this);
        layoutWindow();
        installShortcuts();
        installFileDrop();

        // A flow that opens says what it is about (a sample: its lesson) until put away. A lesson
        // shows again only when it is opened from the lessons or the samples (after this runs).
        state.openedProperty().addListener((obs, old, n) -> {
            banner.show(state.flow().info());
            if (lessons.showing().isPresent()) {
                lessons.showList();
            }
        });
        canvas.statusMessageProperty().addListener((obs, old, text) -> statusBar.tell(text));
        documents.statusProperty().addListener((obs, old, text) -> statusBar.tell(text));
        stage.titleProperty().bind(documents.titleProperty());
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        stage.setOnCloseRequest(e -> {
            if (!documents.canClose()) {
                e.consume();
            } else {
                autosaveTimer().stop();
            }
        });
        theme.darkProperty().addListener((obs, was, dark) -> markTheme(dark));
        markTheme(theme.darkProperty().get());

        autosave = new Timeline(new KeyFrame(AUTOSAVE_INTERVAL, e -> documents.autosave()));
        autosave.setCycleCount(Timeline.INDEFINITE);
        autosave.play();
    }

    private void layoutWindow() {
        root.getStyleClass().add("main-window");
        MenuBar menus = new AppMenus(this, actions).build();
        live = new dev.pipewright.app.live.LiveView(canvas, state, fileDialogs, dialogs, settings);
        runSlot.getChildren().add(live.toolbar());
        // Where the run goes and whether it connected, on the status line too (the Live tab has every message).
        live.run().infoProperty().addListener((obs, was, text) -> {
            if (text.startsWith("Connecting to ") || text.startsWith("Connected to ") || text.startsWith("Runs ")) {
                statusBar.tell(text);
            }
        });
        statusBar.showRunStatus(live.conservationLine());
        menus.getMenus().add(menus.getMenus().size() - 1, live.menu());
        root.setTop(new VBox(menus, AppToolbar.build(actions, canvas, runSlot, theme, state.snapToGridProperty()),
                live.noticeBar()));

        Tab propertiesTab = new Tab("Properties", properties);
        propertiesTab.setId("tab-properties");
        propertiesTab.setClosable(false);
        sideTabs.getTabs().add(propertiesTab);
        sideTabs.setId("side-tabs");
        sideTabs.getStyleClass().add("side-tabs");
        Tab problemsTab = new Tab("Problems", problems);
        problemsTab.setId("tab-problems");
        problemsTab.setClosable(false);
        problemsTab.textProperty().bind(problems.summaryProperty().map(s -> s.startsWith("No") ? "Problems" : "Problems (" + problems.findings().size() + ")"));
        bottomTabs.getTabs().add(problemsTab);
        sideTabs.getTabs().add(live.inspectorTab());
        lessons = new LessonsPanel(library, live.run(), this::openLesson, state::flow, this::tell,
                Executors.newVirtualThreadPerTaskExecutor(), Platform::runLater);
        lessonsTab = new Tab("Lessons", lessons);
        lessonsTab.setId("tab-lessons");
        lessonsTab.setClosable(false);
        lessonsTab.setGraphic(new org.kordamp.ikonli.javafx.FontIcon("mdi2s-school-outline"));
        sideTabs.getTabs().add(lessonsTab);
        bottomTabs.getTabs().add(live.chartsTab());
        bottomTabs.setId("bottom-tabs");
        bottomTabs.getStyleClass().add("bottom-tabs");

        canvasHolder.getStyleClass().add("canvas-holder");
        BorderPane canvasArea = new BorderPane(canvasHolder);
        canvasArea.setTop(banner);
        centre.setOrientation(Orientation.VERTICAL);
        centre.getItems().addAll(canvasArea, bottomTabs);
        centre.setDividerPositions(0.8);
        SplitPane.setResizableWithParent(bottomTabs, false);
        columns.getItems().addAll(paletteArea, centre, sideTabs);
        SplitPane.setResizableWithParent(paletteArea, false);
        SplitPane.setResizableWithParent(sideTabs, false);
        columns.setId("main-split");
        centre.setId("centre-split");
        root.setCenter(columns);
        root.setBottom(statusBar);
        placeDividers();

        paletteShown.addListener((obs, was, shown) -> showPanel(columns, paletteArea, shown, 0));
        propertiesShown.addListener((obs, was, shown) -> showPanel(columns, sideTabs, shown, columns.getItems().size()));
        problemsShown.addListener((obs, was, shown) -> showPanel(centre, bottomTabs, shown, 1));
    }

    /** Palette about 200px, properties about 300px, problems about 150px, whatever the window size. */
    private void placeDividers() {
        Runnable place = () -> {
            double w = Math.max(scene.getWidth(), 900);
            double h = Math.max(scene.getHeight() - 110, 400);
            if (columns.getItems().size() == 3) {
                columns.setDividerPositions(210 / w, 1 - 340 / w);
            }
            centre.setDividerPositions(1 - 170 / h);
        };
        place.run();
        scene.widthProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> obs, Number old, Number now) {
                if (now.doubleValue() > 0) {
                    place.run();
                    scene.widthProperty().removeListener(this);
                }
            }
        });
    }

    private void showPanel(SplitPane split, Node panel, boolean shown, int index) {
        if (shown && !split.getItems().contains(panel)) {
            split.getItems().add(Math.min(index, split.getItems().size()), panel);
            placeDividers();
        } else if (!shown) {
            split.getItems().remove(panel);
        }
    }

    private void installShortcuts() {
        actions.extraShortcuts().forEach((combo, action) -> scene.getAccelerators().put(combo, action::run));
    }

    /** Dropping a .flow.json file on the window opens it. */
    private void installFileDrop() {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream().anyMatch(ShellFiles::isFlowFile)) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        scene.setOnDragDropped(e -> {
            File file = e.getDragboard().hasFiles()
                    ? e.getDragboard().getFiles().stream().filter(ShellFiles::isFlowFile).findFirst().orElse(null) : null;
            e.setDropCompleted(file != null);
            e.consume();
            if (file != null) {
                // Open after the drop has finished, so a dialog does not block the platform's drag.
                Platform.runLater(() -> documents.open(file.toPath()));
            }
        });
    }

    private void openFinding(Finding f) {
        if (f.nodeId() != null && state.flow().node(f.nodeId()).isPresent()) {
            state.select(Selection.ofNodes(Set.of(f.nodeId())));
            canvas.centreOn(f.nodeId());
        } else if (f.edgeId() != null && state.flow().edge(f.edgeId()).isPresent()) {
            state.select(new Selection(Set.of(), Set.of(f.edgeId())));
        }
    }

    private void markTheme(boolean dark) {
        root.getStyleClass().removeAll("theme-dark", "theme-light");
        root.getStyleClass().add(dark ? "theme-dark" : "theme-light");
    }

    // ------------------------------------------------------------------ used by the actions

    void quit() {
        if (documents.canClose()) {
            autosave.stop();
            stage.close();
            Platform.exit();
        }
    }

    /** F2: edits the selected node's name in the properties sheet. */
    void renameSelected() {
        if (state.selection().nodes().size() != 1) {
            tell("Select one node to rename it");
            return;
        }
        propertiesShown.set(true);
        sideTabs.getSelectionModel().select(0);
        Platform.runLater(() -> {
            if (properties.lookup("#prop-name") instanceof TextField field) {
                field.requestFocus();
                field.selectAll();
            }
        });
    }

    void showShortcuts() {
        ShortcutsSheet.show(stage, actions.all());
    }

    void showAbout() {
        Alert about = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.OK);
        about.initOwner(stage);
        about.setTitle("About Pipewright");
        about.setHeaderText("Pipewright " + version());
        about.setContentText("A visual designer and simulator for asynchronous messaging: draw queues, topics, "
                + "processors and consumers, check the design, and watch it run.\n\nLicensed under the Apache License 2.0.");
        about.showAndWait();
    }

    /** Opens a sample as File ▸ Open Sample does (asking about unsaved work), with its lesson beside it. */
    public boolean openSample(Samples.Entry sample) {
        if (!documents.openUntitled(sample.flow().get(), sample.title())) {
            return false;
        }
        library.find(sample.id()).ifPresent(lessons::show);
        return true;
    }

    /** Opens a lesson: its flow (asking about unsaved work, as a sample opens) and its text in the Lessons tab. */
    public boolean openLesson(LessonLibrary.Entry entry) {
        if (!documents.openUntitled(entry.flow().get(), entry.title())) {
            return false;
        }
        lessons.show(entry);
        showLessons();
        return true;
    }

    /** Brings the Lessons tab forward. */
    public void showLessons() {
        propertiesShown.set(true);
        sideTabs.getSelectionModel().select(lessonsTab);
    }

    /**
     * On the first start only (remembered in the settings): the welcome over the canvas, leading
     * to the first lesson.
     */
    public void offerWelcome() {
        if (settings.flag(WELCOME_SHOWN, false) || canvasHolder.lookup("#welcome") != null) {
            return;
        }
        String first = library.first().map(e -> e.lesson().map(l -> l.title()).orElse(e.title())).orElse("a sample");
        canvasHolder.getChildren().add(new WelcomeCard(first,
                () -> library.first().ifPresent(this::openLesson),
                () -> {
                    settings.setFlag(WELCOME_SHOWN, true);
                    canvas.requestFocus(); // not the next field in the toolbar, where keys would type into the seed
                }));
    }

    void tell(String message) {
        statusBar.tell(message);
    }

    ReadOnlyObjectProperty<Node> focusOwnerProperty() {
        return scene.focusOwnerProperty();
    }

    ThemeManager theme() {
        return theme;
    }

    BooleanProperty paletteShownProperty() {
        return paletteShown;
    }

    BooleanProperty propertiesShownProperty() {
        return propertiesShown;
    }

    BooleanProperty problemsShownProperty() {
        return problemsShown;
    }

    public Dialogs dialogs() {
        return dialogs;
    }

    public FileDialogs fileDialogs() {
        return fileDialogs;
    }

    private Timeline autosaveTimer() {
        return autosave;
    }

    private static String version() {
        String v = MainWindow.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    // ------------------------------------------------------------------ public API

    public Stage stage() {
        return stage;
    }

    public Scene scene() {
        return scene;
    }

    public EditorState state() {
        return state;
    }

    public DocumentService documents() {
        return documents;
    }

    /** File > Import and File > Export of broker configuration. */
    public ConfigTransfer configTransfer() {
        return transfer;
    }

    public FlowCanvas canvas() {
        return canvas;
    }

    public PropertiesPanel properties() {
        return properties;
    }

    /** The live view: the run of the flow, its controls, charts and inspector. */
    public dev.pipewright.app.live.LiveView live() {
        return live;
    }

    public ProblemsPanel problems() {
        return problems;
    }

    /** The Lessons tab's panel. */
    public LessonsPanel lessons() {
        return lessons;
    }

    /** Where the live view puts its run controls (play, pause, step, speed, seed). */
    public HBox runToolbarSlot() {
        return runSlot;
    }

    /** The right-hand tabs (Properties); the live view may add e.g. a Lesson tab. */
    public TabPane sideTabs() {
        return sideTabs;
    }

    /** The tabs under the canvas (Problems); the live view may add e.g. a Charts tab. */
    public TabPane bottomTabs() {
        return bottomTabs;
    }

    public BooleanProperty darkThemeProperty() {
        return theme.darkProperty();
    }

    /**
     * Shows the window, then offers unsaved work from a crash; when none is restored, opens
     * {@code initial} (a file or sample chosen on the command line), else the default sample.
     */
    public void show(Runnable openInitial) {
        stage.show();
        canvas.requestFocus();
        if (!documents.offerRecovery() && openInitial != null) {
            openInitial.run();
        }
        Platform.runLater(canvas::fitToWindow);
    }

    /** Every result of the checks now (the problems list), for tests. */
    public List<Finding> findings() {
        return List.copyOf(problems.findings());
    }
}
