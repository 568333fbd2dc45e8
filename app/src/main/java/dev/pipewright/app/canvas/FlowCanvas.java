// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import dev.pipewright.app.editor.EditorState;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Position;
import dev.pipewright.model.edit.Edits;
import dev.pipewright.model.layout.LayeredLayout;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.animation.PauseTransition;
import javafx.scene.CacheHint;
import javafx.scene.Group;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Background;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/**
 * The flow editor's canvas: draws the flow of an {@link EditorState} as cards and wires, and
 * turns what the user does (click, drag, wire, delete, copy, paste, zoom, pan) into selections
 * and edits. It never changes the model itself: every change is one {@code state.execute(...)},
 * and it redraws from {@code state.flowProperty()}, so undo and redo show at once.
 *
 * <p>Layers, bottom to top: a dotted grid, the wires, the node cards, then {@link #overlayLayer()}
 * for the live view's dots and badges, all but the grid in canvas coordinates inside one group
 * that pan and zoom transform.
 */
public final class FlowCanvas extends Region {
    /**
     * Key under which a palette item stores its {@link NodeKind} in its
     * {@link javafx.scene.Node#getProperties() properties}; dropping such an item on the canvas
     * (a full press-drag-release gesture) adds a node of that kind there.
     */
    public static final String KIND_PROPERTY = "dev.pipewright.app.canvas.node-kind";
    /** Snap grid in canvas units. */
    public static final double GRID = 10;
    /** The zoom below which text too small to read is hidden. */
    private static final double DETAIL_ZOOM = 0.55;
    /** The largest side, in pixels, of the diagram's cached bitmap during a run. */
    private static final double MAX_CACHE_SIDE = 4096;
    /** The largest area of that bitmap: 8 million pixels, 32 MB. */
    private static final double MAX_CACHE_PIXELS = 8e6;

    private static final String STYLESHEET = Objects.requireNonNull(
            FlowCanvas.class.getResource("canvas.css"), "canvas.css").toExternalForm();

    private final EditorState state;
    private final GridBackground grid = new GridBackground();
    private final Group world = new Group();
    private final Diagram diagram = new Diagram();
    private final javafx.scene.layout.Region themeProbe = new javafx.scene.layout.Region();
    private final Group gestureLayer = new Group();
    private final Pane overlay = new Pane();
    private final Pane editorLayer = new Pane();
    private final Pane screenLayer = new Pane();
    private final Viewport viewport;
    private final ReadOnlyStringWrapper statusMessage = new ReadOnlyStringWrapper(this, "statusMessage", "");
    private final Toast toast = new Toast();
    private final InPlaceEditor editor;
    private final CanvasClipboard clipboard;
    private final PauseTransition zoomSettled = new PauseTransition(Duration.millis(250));
    private double lastZoom = 1.0;
    private boolean zooming;
    private boolean liveAnimation;
    private Paint lastBackground;

    public FlowCanvas(EditorState state) {
        this.state = Objects.requireNonNull(state, "state");
        getStyleClass().add("flow-canvas");
        getStylesheets().add(STYLESHEET);
        setFocusTraversable(true);
        setMinSize(0, 0);

        overlay.setPickOnBounds(false);
        overlay.getStyleClass().add("live-overlay");
        editorLayer.setPickOnBounds(false);
        gestureLayer.setMouseTransparent(true);
        world.getChildren().addAll(diagram, gestureLayer, overlay, editorLayer);
        world.setManaged(false);
        screenLayer.setPickOnBounds(false);
        screenLayer.setMouseTransparent(true);
        screenLayer.getChildren().add(toast);
        themeProbe.getStyleClass().add("theme-probe");
        themeProbe.setManaged(false);
        themeProbe.setOpacity(0);
        themeProbe.setMouseTransparent(true);
        getChildren().addAll(themeProbe, grid, world, screenLayer);
        // A theme switch restyles without a layout; ask for one so the canvas follows the theme.
        themeProbe.backgroundProperty().addListener((obs, old, now) -> requestLayout());
        backgroundProperty().addListener((obs, old, now) -> requestLayout());

        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        viewport = new Viewport(world, this::viewChanged);
        zoomSettled.setOnFinished(e -> {
            zooming = false;
            updateDiagramCache();
            diagram.setCardCacheHint(CacheHint.QUALITY);
        });
        grid.setViewport(viewport);
        editor = new InPlaceEditor(editorLayer, this::requestFocus);
        clipboard = new CanvasClipboard(state);
        new CanvasGestures(this).install();

        state.flowProperty().addListener((obs, old, now) -> diagram.render(now, state.selection()));
        state.selectionProperty().addListener((obs, old, now) -> diagram.showSelection(now));
        diagram.render(state.flow(), state.selection());
    }

    // ---------------------------------------------------------------- public API for the shell

    /** What the canvas last wants to tell the user (e.g. why a wire was refused), for a status bar. */
    public ReadOnlyStringProperty statusMessageProperty() {
        return statusMessage.getReadOnlyProperty();
    }

    /** The zoom factor, 1 = 100%, kept between 0.1 and 4. Setting it zooms around the centre. */
    public DoubleProperty zoomProperty() {
        return viewport.zoomProperty();
    }

    public void zoomIn() {
        viewport.zoomAt(viewport.zoom() * 1.25, viewportCentre());
    }

    public void zoomOut() {
        viewport.zoomAt(viewport.zoom() / 1.25, viewportCentre());
    }

    public void resetZoom() {
        viewport.zoomAt(1.0, viewportCentre());
    }

    /** Zooms and pans so the whole flow is visible (never beyond 100%). */
    public void fitToWindow() {
        Optional<Bounds> b = diagramBounds();
        if (b.isEmpty() || getWidth() <= 0 || getHeight() <= 0) {
            viewport.centreOn(b.map(FlowCanvas::centre).orElse(Point2D.ZERO), 1.0);
            return;
        }
        double margin = 48;
        double zoom = Math.min((getWidth() - 2 * margin) / b.get().getWidth(),
                (getHeight() - 2 * margin) / b.get().getHeight());
        viewport.centreOn(centre(b.get()), Math.min(1.0, zoom));
    }

    /** Pans so the node is in the middle of the view, keeping the zoom. */
    public void centreOn(String nodeId) {
        nodeBounds(nodeId).ifPresent(b -> viewport.centreOn(centre(b), viewport.zoom()));
    }

    /** Lays the whole flow out automatically as one undoable edit, then fits it to the window. */
    public void layoutAll() {
        Flow flow = state.flow();
        if (flow.nodes().isEmpty()) {
            return;
        }
        state.execute(Edits.layout(LayeredLayout.layout(flow)));
        fitToWindow();
    }

    /**
     * Adds a node of {@code kind} centred on {@code canvasPoint} (snapped to the grid when snapping
     * is on) as one edit, and selects it.
     *
     * @return the new node's id
     */
    public String addNode(NodeKind kind, Point2D canvasPoint) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(canvasPoint, "canvasPoint");
        Flow flow = state.flow();
        String id = flow.freshId(kind.typeName());
        Position at = snap(new Position(canvasPoint.getX() - NodeView.WIDTH / 2, canvasPoint.getY() - NodeView.HEIGHT / 2));
        Node node = Node.create(kind, id, freshName(flow, kind), at);
        state.execute(Edits.addNode(node));
        state.select(Selection.ofNodes(Set.of(id)));
        return id;
    }

    /** Adds a node of {@code kind} in the middle of the view, stepping aside from a node already there. */
    public String addNodeAtCentre(NodeKind kind) {
        Point2D centre = viewport.screenToCanvas(viewportCentre());
        Set<Position> taken = new HashSet<>();
        state.flow().nodes().forEach(n -> taken.add(n.position()));
        Point2D p = centre;
        for (int i = 0; i < 50 && taken.contains(snap(new Position(p.getX() - NodeView.WIDTH / 2,
                p.getY() - NodeView.HEIGHT / 2))); i++) {
            p = p.add(20, 20);
        }
        return addNode(kind, p);
    }

    /** Copies the selected nodes and the wires among them to the canvas's clipboard. */
    public void copy() {
        clipboard.copy();
    }

    /** Copies the selection, then deletes it, as one edit named "Cut N nodes". */
    public void cut() {
        clipboard.cut();
    }

    /** Pastes the clipboard, 20 units further down and right each time, and selects what was pasted. */
    public void paste() {
        clipboard.paste();
    }

    /** Copies the selection in place, shifted by 20 units, without touching the clipboard. */
    public void duplicate() {
        clipboard.duplicate();
    }

    /** Deletes the selected nodes (with their wires) and wires as one edit. */
    public void deleteSelection() {
        Selection s = state.selection();
        if (!s.isEmpty()) {
            state.execute(Edits.delete(s.nodes(), s.edges()));
            state.clearSelection();
        }
    }

    public void selectAll() {
        Flow f = state.flow();
        Set<String> nodes = new HashSet<>();
        f.nodes().forEach(n -> nodes.add(n.id()));
        Set<String> edges = new HashSet<>();
        f.edges().forEach(e -> edges.add(e.id()));
        state.select(new Selection(nodes, edges));
    }

    /**
     * The whole diagram as an image at {@code scale} (1 = 100%), cropped to the diagram with a
     * margin, on the canvas's background colour, without the grid or the selection.
     */
    public WritableImage renderImage(double scale) {
        return DiagramImage.render(this, scale);
    }

    // ---------------------------------------------------------------- public API for the live view

    /** The pane above everything, in canvas coordinates, for animated dots and badges. */
    public Pane overlayLayer() {
        return overlay;
    }

    /**
     * The pane above everything in this region's own coordinates (pixels, not scaled by the
     * zoom), for drawing that must be sharp and cheap at any zoom, such as the animated dots.
     * Convert with {@link #canvasToScreen}, or the zoom and where canvas point (0, 0) is on screen.
     */
    public Pane screenOverlay() {
        return screenLayer;
    }

    /**
     * Says whether an animation is drawn over the diagram every frame (a run playing). While it
     * is, the diagram (wires and cards) is kept as one cached bitmap, so each frame repaints one
     * image under the moving dots instead of every card and wire: in the rendering benchmark that
     * halved the time to make a frame. Not while zooming (the bitmap would be redrawn at every
     * step) nor when the bitmap would be too large (over 4,096 pixels a side or 8 million in
     * all, at a high zoom of a large flow), where drawing only the visible cards is the cheaper
     * way. Cheap to call every frame.
     */
    public void setLiveAnimation(boolean on) {
        liveAnimation = on;
        updateDiagramCache();
    }

    private void updateDiagramCache() {
        boolean want = liveAnimation && !zooming && diagramFitsCache();
        if (want != diagram.isCache()) {
            diagram.setCache(want);
        }
    }

    private boolean diagramFitsCache() {
        Bounds b = diagram.getBoundsInLocal();
        double z = viewport.zoom();
        double w = b.getWidth() * z;
        double h = b.getHeight() * z;
        return w <= MAX_CACHE_SIDE && h <= MAX_CACHE_SIDE && w * h <= MAX_CACHE_PIXELS;
    }

    /** Whether the zoom is large enough for text details (card details, wire keys) to be shown. */
    public boolean showsDetails() {
        return viewport.zoom() >= DETAIL_ZOOM;
    }

    /** The card bounds of a node in canvas coordinates (following a drag in progress). */
    public Optional<Bounds> nodeBounds(String nodeId) {
        NodeView v = diagram.nodeViews().get(nodeId);
        return v == null ? Optional.empty()
                : Optional.of(new BoundingBox(v.getLayoutX(), v.getLayoutY(), NodeView.WIDTH, NodeView.HEIGHT));
    }

    /** The card of a node (where it is, to paint live decorations over it). */
    public Optional<NodeView> nodeView(String nodeId) {
        return Optional.ofNullable(diagram.nodeViews().get(nodeId));
    }

    /** The drawn curve of a wire, in canvas coordinates. Read it, don't change it. */
    public Optional<CubicCurve> wireShape(String edgeId) {
        return Optional.ofNullable(diagram.wire(edgeId)).map(WireView::curve);
    }

    /** The point at {@code t} (0 = the output port, 1 = the arrow) along a wire, in canvas coordinates. */
    public Optional<Point2D> pointOnWire(String edgeId, double t) {
        return Optional.ofNullable(diagram.wire(edgeId)).map(w -> w.pointAt(Math.max(0, Math.min(1, t))));
    }

    /** Converts a point of this region (e.g. a mouse position) to canvas coordinates. */
    public Point2D screenToCanvas(Point2D local) {
        return viewport.screenToCanvas(local);
    }

    /** Converts a canvas point to this region's coordinates. */
    public Point2D canvasToScreen(Point2D canvasPoint) {
        return viewport.canvasToScreen(canvasPoint);
    }

    /** The editor state this canvas shows. */
    public EditorState state() {
        return state;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (grid.getWidth() != w || grid.getHeight() != h) {
            grid.setWidth(w);
            grid.setHeight(h);
            grid.markDirty();
        }
        viewport.setSize(w, h);
        screenLayer.resizeRelocate(0, 0, w, h);
        toast.autosize();
        toast.relocate(Math.round((w - toast.getWidth()) / 2), Math.round(h - toast.getHeight() - 20));
        followTheme();
        Paint bg = backgroundFill();
        if (!Objects.equals(bg, lastBackground)) {
            lastBackground = bg;
            grid.adaptTo(bg instanceof Color c ? c : null);
            grid.markDirty();
        }
        grid.redrawIfDirty();
    }

    /**
     * Marks the canvas {@code theme-dark} when the theme's default background is dark, so the
     * stylesheet can put lighter cards on a darker canvas there and white cards on a light grey
     * canvas in light themes.
     */
    private void followTheme() {
        Background probe = themeProbe.getBackground();
        if (probe != null && !probe.getFills().isEmpty() && probe.getFills().get(0).getFill() instanceof Color c) {
            boolean dark = c.getBrightness() < 0.5;
            if (dark != getStyleClass().contains("theme-dark")) {
                if (dark) {
                    getStyleClass().add("theme-dark");
                } else {
                    getStyleClass().remove("theme-dark");
                }
            }
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 800;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 600;
    }

    /**
     * After every pan or zoom: redraw the grid; while the zoom changes, scale the cards' cached
     * bitmaps instead of redrawing every card each frame, and draw them sharp again once the zoom
     * has settled; hide details too small to read.
     */
    private void viewChanged() {
        grid.requestRedraw();
        double z = viewport.zoom();
        if (z != lastZoom) {
            lastZoom = z;
            if (!zooming) {
                zooming = true;
                updateDiagramCache();
                diagram.setCardCacheHint(CacheHint.SCALE);
            }
            zoomSettled.playFromStart();
            boolean out = z < DETAIL_ZOOM;
            // On the whole canvas, so the live view's labels in the overlay follow the same rule.
            if (out != getStyleClass().contains("zoomed-out")) {
                if (out) {
                    getStyleClass().add("zoomed-out");
                } else {
                    getStyleClass().remove("zoomed-out");
                }
            }
        }
    }

    // ---------------------------------------------------------------- for the gestures and helpers

    Paint backgroundFill() {
        Background b = getBackground();
        return b == null || b.getFills().isEmpty() ? Color.WHITE : b.getFills().get(0).getFill();
    }

    /** Shows a message in the status property and, for a problem, as a toast in the canvas too. */
    void tell(String message, boolean problem) {
        statusMessage.set(message);
        if (problem) {
            toast.show(message, true);
            requestLayout();
        }
    }

    Viewport viewport() {
        return viewport;
    }

    Map<String, NodeView> nodeViews() {
        return diagram.nodeViews();
    }

    Collection<WireView> wireViews() {
        return diagram.wireViews();
    }

    Group gestureLayer() {
        return gestureLayer;
    }

    Pane screenLayer() {
        return screenLayer;
    }

    Group content() {
        return diagram;
    }

    InPlaceEditor editor() {
        return editor;
    }

    Position snap(Position p) {
        if (!state.snapToGridProperty().get()) {
            return p;
        }
        return new Position(Math.round(p.x() / GRID) * GRID, Math.round(p.y() / GRID) * GRID);
    }

    /** The bounds of all cards, or empty for an empty flow. */
    Optional<Bounds> diagramBounds() {
        return diagram.cardBounds();
    }

    NodeView nodeViewAt(Point2D p) {
        return diagram.nodeViewAt(p);
    }

    void route(WireView wire) {
        diagram.route(wire);
    }

    void showSelection(Selection s) {
        diagram.showSelection(s);
    }

    private Point2D viewportCentre() {
        return new Point2D(getWidth() / 2, getHeight() / 2);
    }

    private static Point2D centre(Bounds b) {
        return new Point2D(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2);
    }

    /** "Queue 3": the kind's name and the first number not yet used by a node of the flow. */
    static String freshName(Flow flow, NodeKind kind) {
        Set<String> names = new HashSet<>();
        flow.nodes().forEach(n -> names.add(n.name()));
        for (int i = 1; ; i++) {
            String candidate = kind.displayName() + " " + i;
            if (!names.contains(candidate)) {
                return candidate;
            }
        }
    }
}
