// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.files;

import dev.pipewright.model.check.Finding;
import java.util.List;
import java.util.Optional;

/**
 * The questions and messages the document logic shows a person. The app shows real dialogs; tests
 * answer with a fake, so the logic is tested without a screen.
 */
public interface Dialogs {
    /** The answers to "Save changes before closing?". */
    enum SaveChoice { SAVE, DONT_SAVE, CANCEL }

    /** Asks whether to save the unsaved changes of {@code documentName} first. */
    SaveChoice askSaveChanges(String documentName);

    /**
     * Offers to restore work that was not saved when the app last stopped.
     *
     * @param description which document and when it was autosaved
     * @return true to restore, false to discard it
     */
    boolean offerRecovery(String description);

    /** Shows an error: a short title and a message that says what went wrong and what to do. */
    void showError(String title, String message);

    /**
     * Shows an export before it is saved: the text and what the format leaves out.
     *
     * @return true to go on and save it
     */
    boolean previewExport(String title, String text, List<Finding> warnings);

    /**
     * Asks the person to pick one of {@code choices}, such as the virtual host to import.
     *
     * @return the choice, or empty when they cancel
     */
    Optional<String> chooseOne(String title, String question, List<String> choices);

    /**
     * Asks for a running broker's management address, user and password, offering the last ones used.
     *
     * @return the login, or empty when they cancel
     */
    Optional<BrokerLogin> askBrokerLogin(String url, String user);

    /**
     * Asks where a flow runs on a real broker: its address and user, offering the last ones used,
     * and the password (left empty: it comes from the keyring, else the environment variable
     * {@code passwordVariable}). Shown as the import's login question unless the app words it for running.
     *
     * @param broker the broker's name, e.g. "RabbitMQ"
     * @param caFile the CA certificate file last used (empty for none), or null when the broker takes none
     * @param keyring whether the desktop has a keyring, so that the typed password may be kept there
     * @return the address, user, password and CA file, or empty when they cancel
     */
    default Optional<BrokerLogin> askRunOn(String broker, String url, String user, String caFile,
                                           String passwordVariable, boolean keyring) {
        return askBrokerLogin(url, user);
    }

    /**
     * Asks where a flow runs on Kafka: the bootstrap servers and SASL/PLAIN user, offering the last
     * ones used, the password (as {@link #askRunOn}), and whether to connect over TLS trusting the
     * CA certificate file (empty: Java's authorities). Asked as {@link #askRunOn} with the CA file
     * (TLS then as the login says: off) unless the app words it for Kafka.
     *
     * @param tls whether the last run was over TLS
     * @param caFile the CA certificate file last used, empty for none
     * @return the servers, user, password, TLS choice and CA file, or empty when they cancel
     */
    default Optional<BrokerLogin> askKafkaRunOn(String servers, String user, boolean tls, String caFile,
                                                String passwordVariable, boolean keyring) {
        return askRunOn("Kafka", servers, user, caFile, passwordVariable, keyring);
    }

    /**
     * Asks where a flow runs on SQS: the endpoint URL, region and access key id, offering the last
     * ones used, and the secret key (left empty: it comes from the keyring, else from
     * {@code AWS_SECRET_ACCESS_KEY}). Asked as a broker's login (the key id as the user, no region)
     * unless the app words it for SQS.
     *
     * @param keyring whether the desktop has a keyring, so that the typed secret key may be kept there
     * @return the endpoint, region, key id and secret, or empty when they cancel
     */
    default Optional<SqsLogin> askSqsRunOn(String url, String region, String accessKeyId, boolean keyring) {
        return askRunOn("SQS", url, accessKeyId, null, "AWS_SECRET_ACCESS_KEY", keyring)
                .map(l -> new SqsLogin(l.url(), region, l.user(), l.password(), l.remember()));
    }
}
