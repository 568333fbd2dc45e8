// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.properties;

import dev.pipewright.app.canvas.NodeStyle;
import dev.pipewright.app.editor.EditorState;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.InvalidPropertyException;
import dev.pipewright.model.Node;
import dev.pipewright.model.RecordCopy;
import dev.pipewright.model.edit.Edit;
import dev.pipewright.model.edit.Edits;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The properties sheet: every property of the selected node, grouped, or the selected wire's key
 * and headers, or the flow's name and description when nothing is selected. Each committed change
 * is one undoable edit; a value the model refuses is shown with its message and changes nothing.
 */
public final class PropertiesPanel extends BorderPane {
    /** The sheet row of the flow's description. */
    private static final String FLOW_DESCRIPTION = "description";
    private static final String FLOW_BROKER = "broker";

    private final EditorState state;
    private final VBox sections = new VBox();
    private final ScrollPane scroll = new ScrollPane(sections);
    private final Set<String> collapsedGroups = new HashSet<>();
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Label empty = new Label();
    private String targetKey = "";
    private List<SheetItem> items = List.of();

    public PropertiesPanel(EditorState state) {
        this.state = Objects.requireNonNull(state, "state");
        getStyleClass().add("properties-panel");
        setId("properties-panel");
        sections.getStyleClass().add("property-sections");
        sections.setId("property-sections");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().addAll("property-scroll", "edge-to-edge");
        title.getStyleClass().add("panel-title");
        title.setGraphicTextGap(8);
        title.setId("properties-title");
        // The whole name, on two lines if need be: the card on the canvas cuts a long one short.
        title.setWrapText(true);
        title.setMinHeight(USE_PREF_SIZE);
        subtitle.getStyleClass().add("panel-subtitle");
        empty.getStyleClass().add("panel-placeholder");
        empty.setWrapText(true);
        VBox header = new VBox(2, title, subtitle);
        header.getStyleClass().add("panel-header");
        setTop(header);
        setCenter(scroll);
        state.flowProperty().addListener((obs, old, flow) -> refresh());
        state.selectionProperty().addListener((obs, old, sel) -> refresh());
        refresh();
    }

    /** The rows shown now, for tests and the shell. */
    public List<PropertySheet.Item> items() {
        return List.copyOf(items);
    }

    private static PropertyEditor<?> editorFor(PropertySheet.Item item) {
        SheetItem row = (SheetItem) item;
        Class<?> type = row.getType();
        if (type == boolean.class || type == Boolean.class) {
            return new FlagPropertyEditor(row);
        }
        if (type.isEnum()) {
            return new ChoicePropertyEditor(row);
        }
        return new TextPropertyEditor(row);
    }

    private static boolean isLongText(PropertySheet.Item item) {
        return item instanceof SheetItem row && row.key().equals(FLOW_DESCRIPTION);
    }

    private void refresh() {
        Flow flow = state.flow();
        Selection sel = state.selection();
        String key;
        if (sel.nodes().size() == 1 && sel.edges().isEmpty()) {
            Optional<Node> node = flow.node(sel.nodes().iterator().next());
            key = node.map(n -> "node:" + n.id() + ":" + n.kind()).orElse("none");
        } else if (sel.nodes().isEmpty() && sel.edges().size() == 1) {
            key = "edge:" + sel.edges().iterator().next();
        } else if (sel.isEmpty()) {
            key = "flow";
        } else {
            key = "many";
        }
        if (!key.equals(targetKey)) {
            targetKey = key;
            rebuild(flow, sel, key);
        } else {
            updateValues(flow, sel);
        }
    }

    private void rebuild(Flow flow, Selection sel, String key) {
        List<SheetItem> rows = new ArrayList<>();
        if (key.startsWith("node:")) {
            Node node = flow.node(sel.nodes().iterator().next()).orElseThrow();
            title.setText(node.name());
            title.setGraphic(NodeStyle.icon(node.kind(), 18));
            subtitle.setText(node.kind().displayName() + "  ·  " + node.id());
            rows.addAll(nodeRows(node));
        } else if (key.startsWith("edge:")) {
            Edge edge = flow.edge(sel.edges().iterator().next()).orElseThrow();
            title.setText("Wire");
            title.setGraphic(icon("mdi2v-vector-polyline"));
            subtitle.setText(edge.from() + " (" + edge.fromPort().word() + ")  →  " + edge.to());
            rows.addAll(edgeRows(edge));
        } else if (key.equals("flow")) {
            title.setText(flow.info().name());
            title.setGraphic(icon("mdi2s-sitemap-outline"));
            subtitle.setText("Flow  ·  " + flow.nodes().size() + " nodes, " + flow.edges().size() + " wires");
            rows.addAll(flowRows(flow));
        } else {
            title.setText(sel.nodes().size() + sel.edges().size() + " items selected");
            title.setGraphic(icon("mdi2s-selection"));
            subtitle.setText("Select one node to edit its properties");
        }
        items = rows;
        showSections(rows);
    }

    /**
     * One collapsible section per group, each a {@link PropertySheet} of its rows, all open at
     * once (the sheet's own category mode lets only one group be open at a time).
     */
    private void showSections(List<SheetItem> rows) {
        Map<String, List<PropertySheet.Item>> groups = new TreeMap<>(PropertyCatalog.groupOrder());
        for (SheetItem row : rows) {
            groups.computeIfAbsent(row.getCategory(), g -> new ArrayList<>()).add(row);
        }
        List<TitledPane> panes = new ArrayList<>();
        groups.forEach((group, groupRows) -> {
            PropertySheet sheet = new PropertySheet();
            sheet.setModeSwitcherVisible(false);
            sheet.setSearchBoxVisible(false);
            sheet.setMode(PropertySheet.Mode.NAME);
            sheet.setPropertyEditorFactory(PropertiesPanel::editorFor);
            sheet.getItems().setAll(groupRows.stream().filter(r -> !isLongText(r)).toList());
            sheet.getStyleClass().add("group-sheet");
            VBox content = new VBox(sheet);
            // A long text takes the sheet's whole width under it, not half of it beside its name.
            for (PropertySheet.Item row : groupRows) {
                if (isLongText(row)) {
                    Label name = new Label(row.getName());
                    name.getStyleClass().add("property-long-name");
                    VBox block = new VBox(4, name, new LongTextPropertyEditor((SheetItem) row).getEditor());
                    block.getStyleClass().add("property-long-text");
                    content.getChildren().add(block);
                }
            }
            TitledPane pane = new TitledPane(group, content);
            pane.setId("group-" + group.toLowerCase().replaceAll("[^a-z]+", "-"));
            pane.getStyleClass().add("property-group");
            pane.setAnimated(false);
            pane.setExpanded(!collapsedGroups.contains(group));
            pane.expandedProperty().addListener((obs, was, open) -> {
                if (open) {
                    collapsedGroups.remove(group);
                } else {
                    collapsedGroups.add(group);
                }
            });
            panes.add(pane);
        });
        sections.getChildren().setAll(panes);
        if (rows.isEmpty()) {
            empty.setText(subtitle.getText());
            sections.getChildren().setAll(empty);
        }
    }

    private static FontIcon icon(String literal) {
        FontIcon icon = new FontIcon(literal);
        icon.setIconSize(18);
        icon.getStyleClass().add("panel-title-icon");
        return icon;
    }

    private void updateValues(Flow flow, Selection sel) {
        if (targetKey.startsWith("node:")) {
            flow.node(sel.nodes().iterator().next()).ifPresent(node -> {
                title.setText(node.name());
                for (SheetItem row : items) {
                    if (row.isEditable()) {
                        row.valueProperty().set(RecordCopy.get((Record) node, row.key()));
                    }
                }
            });
        } else if (targetKey.startsWith("edge:")) {
            flow.edge(sel.edges().iterator().next()).ifPresent(edge -> {
                for (SheetItem row : items) {
                    if (row.key().equals("key")) {
                        row.valueProperty().set(edge.key());
                    } else if (row.key().equals("headers")) {
                        row.valueProperty().set(edge.headers());
                    }
                }
            });
        } else if (targetKey.equals("flow")) {
            title.setText(flow.info().name());
            subtitle.setText("Flow  ·  " + flow.nodes().size() + " nodes, " + flow.edges().size() + " wires");
            for (SheetItem row : items) {
                row.valueProperty().set(switch (row.key()) {
                    case "flowName" -> flow.info().name();
                    case FLOW_BROKER -> flow.info().broker();
                    default -> flow.info().description();
                });
            }
        }
    }

    private List<SheetItem> nodeRows(Node node) {
        String id = node.id();
        List<SheetItem> rows = new ArrayList<>();
        for (PropertyCatalog.Spec spec : PropertyCatalog.specs(node)) {
            String property = spec.name();
            Function<Object, Optional<String>> check = value -> currentNode(id).flatMap(n -> refusal(spec, () -> n.with(property, value)));
            Function<Object, Optional<String>> commit = value -> run(spec, property.equals("name")
                    ? Edits.rename(id, value == null ? "" : value.toString())
                    : Edits.setProperty(id, property, spec.label(), value));
            rows.add(new SheetItem(property, spec.group(), spec.label(), spec.description(), spec.type(),
                    PropertyCatalog.value(node, property), check, commit, true));
        }
        return rows;
    }

    private List<SheetItem> edgeRows(Edge edge) {
        String id = edge.id();
        PropertyCatalog.Spec keySpec = new PropertyCatalog.Spec("key", "Binding", "Key",
                "The binding key (from a topic) or the route name (from a content router); empty for none."
                        + " Under MQTT, the topic filter: home/+/temperature, home/#, $share/GROUP/FILTER.", String.class);
        PropertyCatalog.Spec headerSpec = new PropertyCatalog.Spec("headers", "Binding", "Headers",
                "Header arguments of a headers binding, e.g. x-match=all, type=order."
                        + " Under MQTT, mqtt-qos=0, 1 or 2 is the subscription's QoS (1 unless set).", Map.class);
        List<SheetItem> rows = new ArrayList<>();
        rows.add(SheetItem.readOnly("from", "General", "From", "Where the wire starts.", edge.from() + " · " + edge.fromPort().word()));
        rows.add(SheetItem.readOnly("to", "General", "To", "Where the wire ends.", edge.to()));
        rows.add(new SheetItem("key", keySpec.group(), keySpec.label(), keySpec.description(), String.class, edge.key(),
                v -> Optional.empty(),
                v -> currentEdge(id).map(e -> run(keySpec, Edits.replaceEdge(e.withKey((String) v), "Change wire key")))
                        .orElse(Optional.empty()),
                true));
        Type headersType = Edge.class.getRecordComponents()[5].getGenericType();
        rows.add(new SheetItem("headers", headerSpec.group(), headerSpec.label(), headerSpec.description(), headersType,
                edge.headers(),
                v -> currentEdge(id).flatMap(e -> refusal(headerSpec, () -> withHeaders(e, v))),
                v -> currentEdge(id).map(e -> refusal(headerSpec, () -> withHeaders(e, v))
                        .or(() -> run(headerSpec, Edits.replaceEdge(withHeaders(e, v), "Change wire headers"))))
                        .orElse(Optional.empty()),
                true));
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static Edge withHeaders(Edge e, Object headers) {
        return new Edge(e.id(), e.from(), e.fromPort(), e.to(), e.key(), (Map<String, String>) headers);
    }

    private List<SheetItem> flowRows(Flow flow) {
        List<SheetItem> rows = new ArrayList<>();
        PropertyCatalog.Spec nameSpec = new PropertyCatalog.Spec("flowName", "General", "Name", "What the flow is called.", String.class);
        rows.add(new SheetItem("flowName", "General", "Name", nameSpec.description(), String.class, flow.info().name(),
                v -> Optional.empty(),
                v -> run(nameSpec, Edits.setInfo(state.flow().info().withName((String) v))),
                true));
        PropertyCatalog.Spec descSpec = new PropertyCatalog.Spec(FLOW_DESCRIPTION, "General", "Description",
                "What the flow is for, e.g. the pattern it shows.", String.class);
        rows.add(new SheetItem(FLOW_DESCRIPTION, "General", "Description", descSpec.description(), String.class,
                flow.info().description(),
                v -> Optional.empty(),
                v -> run(descSpec, Edits.setInfo(state.flow().info().withDescription((String) v))),
                true));
        PropertyCatalog.Spec brokerSpec = new PropertyCatalog.Spec(FLOW_BROKER, "General", "Broker rules",
                "Whose rules the queues follow where brokers differ: delivery limits, requeue order, priorities,"
                        + " what a maximum length counts. Generic keeps Pipewright's own.", Broker.class);
        rows.add(new SheetItem(FLOW_BROKER, "General", brokerSpec.label(), brokerSpec.description(), Broker.class,
                flow.info().broker(),
                v -> Optional.empty(),
                v -> v == state.flow().info().broker() ? Optional.empty() : run(brokerSpec, Edits.setBroker((Broker) v)),
                true));
        return rows;
    }

    private Optional<Node> currentNode(String id) {
        return state.flow().node(id);
    }

    private Optional<Edge> currentEdge(String id) {
        return state.flow().edge(id);
    }

    private Optional<String> run(PropertyCatalog.Spec spec, Edit edit) {
        return refusal(spec, () -> state.execute(edit));
    }

    /** Runs {@code action}; says in words why the model refused it, if it did. */
    private static Optional<String> refusal(PropertyCatalog.Spec spec, Supplier<?> action) {
        try {
            action.get();
            return Optional.empty();
        } catch (InvalidPropertyException e) {
            String text = e.getMessage();
            String prefix = e.property() + ": ";
            String reason = text.startsWith(prefix) ? text.substring(prefix.length()) : text;
            return Optional.of(spec.label() + " " + reason);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
