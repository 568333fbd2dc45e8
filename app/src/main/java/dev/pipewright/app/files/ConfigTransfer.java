// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.files;

import dev.pipewright.app.editor.EditorState;
import dev.pipewright.brokers.BrokerAccessException;
import dev.pipewright.brokers.RabbitManagement;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.Format;
import dev.pipewright.model.config.Imported;
import dev.pipewright.model.config.formats.ConfigFiles;
import dev.pipewright.model.io.FlowFileException;
import dev.pipewright.model.io.FlowFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * File > Import and File > Export of broker configuration: RabbitMQ definitions, an Artemis
 * {@code broker.xml}, AsyncAPI, and a running RabbitMQ's definitions. An export is previewed with
 * its warnings before it is saved; an import opens as a new, unsaved flow, and what it could not
 * model stays in the problems list (as {@link #notes()}) until another flow is opened; so do the
 * last export's warnings.
 */
public final class ConfigTransfer {
    static final String URL_KEY = "rabbitmq.management.url";
    static final String USER_KEY = "rabbitmq.management.user";

    private final EditorState state;
    private final DocumentService documents;
    private final Dialogs dialogs;
    private final FileDialogs fileDialogs;
    private final AppSettings settings;
    private final Executor background;
    private final Executor fx;
    private final Consumer<String> tell;
    private final ObservableList<Finding> notes = FXCollections.observableArrayList();

    /**
     * @param background where the broker is asked (never the FX thread)
     * @param fx where its answer is shown (the FX thread)
     * @param tell shows a line in the status bar
     */
    public ConfigTransfer(EditorState state, DocumentService documents, Dialogs dialogs, FileDialogs fileDialogs,
                          AppSettings settings, Executor background, Executor fx, Consumer<String> tell) {
        this.state = Objects.requireNonNull(state, "state");
        this.documents = Objects.requireNonNull(documents, "documents");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.fileDialogs = Objects.requireNonNull(fileDialogs, "fileDialogs");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.tell = Objects.requireNonNull(tell, "tell");
        state.openedProperty().addListener((obs, old, now) -> notes.clear());
    }

    /** What the last import could not model, or the last export left out, while its flow is the open one. */
    public ObservableList<Finding> notes() {
        return notes;
    }

    /** Writes the open flow in {@code format}: a preview with the warnings, then where to save it. */
    public void export(Format format) {
        Flow flow = state.flow();
        Exported exported;
        try {
            exported = ConfigFiles.write(flow, format, "/");
        } catch (RuntimeException e) {
            dialogs.showError("Could not export to " + format.label(), "The flow could not be written as "
                    + format.label() + ": " + e.getMessage() + ". Please report it with the flow file.");
            return;
        }
        notes.setAll(exported.warnings());
        if (!dialogs.previewExport("Export as " + format.label(), exported.text(), exported.warnings())) {
            return;
        }
        String extension = format.extension();
        Optional<Path> target = fileDialogs.chooseExportFile(startFolder(), suggestedName(format), extension,
                format.label());
        if (target.isEmpty()) {
            return;
        }
        Path file = target.get();
        try {
            FlowFiles.writeText(file, exported.text());
            tell.accept("Exported " + file.getFileName() + warningCount(exported.warnings()));
        } catch (IOException e) {
            dialogs.showError("Could not export to " + format.label(), "Could not write " + file + ": "
                    + e.getMessage() + ". Check that the folder exists and can be written to, or choose another place.");
        }
    }

    /** Asks for a file in {@code format} and opens it as a new flow. */
    public void importFile(Format format) {
        Optional<Path> chosen = fileDialogs.chooseConfigToImport(startFolder(), format.extension(), format.label());
        if (chosen.isEmpty()) {
            return;
        }
        Path file = chosen.get();
        List<Imported> flows;
        try {
            flows = read(file, format);
        } catch (FlowFileException e) {
            dialogs.showError("Could not import " + file.getFileName(), e.getMessage());
            return;
        }
        open(flows, file.getFileName().toString());
    }

    /**
     * Asks for a running RabbitMQ's management address and login, reads its definitions in the
     * background and opens them. The address and user are remembered; the password is not.
     */
    public void importFromBroker() {
        Optional<BrokerLogin> asked = dialogs.askBrokerLogin(settings.text(URL_KEY, "http://127.0.0.1:15672"),
                settings.text(USER_KEY, "guest"));
        if (asked.isEmpty()) {
            return;
        }
        BrokerLogin login = asked.get();
        URI url;
        try {
            url = new URI(login.url().strip());
        } catch (URISyntaxException e) {
            dialogs.showError("Could not read the broker", "'" + login.url() + "' is not an address; give one such as"
                    + " http://127.0.0.1:15672");
            return;
        }
        settings.setText(URL_KEY, login.url().strip());
        settings.setText(USER_KEY, login.user());
        tell.accept("Reading the definitions of RabbitMQ at " + url + "…");
        background.execute(() -> {
            try {
                String text = RabbitManagement.definitions(url, login.user(), login.password());
                List<Imported> flows = ConfigFiles.read(text, Format.RABBITMQ, url.toString());
                fx.execute(() -> open(flows, "RabbitMQ at " + url.getHost()));
            } catch (BrokerAccessException | FlowFileException e) {
                fx.execute(() -> dialogs.showError("Could not read the broker", e.getMessage()));
            } catch (RuntimeException e) {
                fx.execute(() -> dialogs.showError("Could not read the broker", "Reading " + url
                        + " failed: " + e.getMessage() + ". Please report it."));
            }
        });
    }

    private void open(List<Imported> flows, String from) {
        if (flows.isEmpty()) {
            dialogs.showError("Nothing to import", from + " holds no virtual host to import.");
            return;
        }
        Imported chosen = flows.getFirst();
        if (flows.size() > 1) {
            List<String> scopes = flows.stream().map(i -> i.scope() == null ? "?" : i.scope()).toList();
            Optional<String> scope = dialogs.chooseOne("Import", from + " holds " + flows.size()
                    + " virtual hosts. Which one do you want to open?", scopes);
            if (scope.isEmpty()) {
                return;
            }
            chosen = flows.get(scopes.indexOf(scope.get()));
        }
        String name = chosen.flow().info().name();
        if (!documents.openUntitled(chosen.flow(), name == null || name.isBlank() ? from : name)) {
            return;
        }
        notes.setAll(chosen.warnings());
        tell.accept("Imported " + from + warningCount(chosen.warnings()));
    }

    private static List<Imported> read(Path file, Format format) throws FlowFileException {
        String what = format == Format.ARTEMIS ? "an Artemis broker.xml" : "a RabbitMQ definitions file";
        return ConfigFiles.read(FlowFiles.readText(file, ConfigFiles.MAX_BYTES, what), format, file.toString());
    }

    private String suggestedName(Format format) {
        String base = documents.documentName().replaceAll("(?i)\\.flow\\.json$", "");
        return switch (format) {
            case RABBITMQ -> base + "-definitions.json";
            case ARTEMIS -> "broker.xml";
            case SQS -> base + "-sqs-queues.json";
            case PUBSUB -> base + "-pubsub.sh";
            case KAFKA -> base + "-kafka-topics.json";
            case NATS -> base + "-nats-streams.json";
            case ASYNCAPI -> base + "-asyncapi.yaml";
        };
    }

    private Path startFolder() {
        Path p = documents.path();
        return p != null && p.getParent() != null ? p.getParent() : Path.of(System.getProperty("user.home"));
    }

    private static String warningCount(List<Finding> warnings) {
        return warnings.isEmpty() ? "" : " (" + warnings.size() + (warnings.size() == 1 ? " note" : " notes")
                + " in Problems)";
    }
}
