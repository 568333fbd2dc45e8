// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import dev.pipewright.app.files.BrokerLogin;
import dev.pipewright.app.files.Dialogs;
import dev.pipewright.app.files.SqsLogin;
import dev.pipewright.model.check.Finding;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Answers the app's questions as a test tells it to, and remembers what it was shown. */
public final class FakeDialogs implements Dialogs {
    public SaveChoice saveAnswer = SaveChoice.DONT_SAVE;
    public boolean restoreAnswer = true;
    public final List<String> saveQuestions = new ArrayList<>();
    public final List<String> recoveryOffers = new ArrayList<>();
    public final List<String> errors = new ArrayList<>();
    /** Whether a previewed export goes on to be saved. */
    public boolean saveExport = true;
    public final List<String> previews = new ArrayList<>();
    public final List<List<Finding>> previewWarnings = new ArrayList<>();
    /** The answer to "which one?"; null cancels. */
    public String choice;
    public final List<List<String>> choicesOffered = new ArrayList<>();
    /** The login given when asked for one; null cancels. */
    public BrokerLogin login;
    /** Logins given in turn before {@link #login}, one a question (a wrong one, then a right one). */
    public final Deque<BrokerLogin> logins = new ArrayDeque<>();
    public final List<String> loginsAsked = new ArrayList<>();
    /** The CA file each Run on question offered (null: the broker takes none). */
    public final List<String> caFilesOffered = new ArrayList<>();
    /** For each Run on question, whether it offered to keep the password in the keyring. */
    public final List<Boolean> keyringOffered = new ArrayList<>();
    /** What each Kafka Run on question offered: whether over TLS, then the CA file ("true /ca.pem"). */
    public final List<String> kafkaTlsOffered = new ArrayList<>();
    /** SQS logins given in turn to "Run on SQS at…", one a question; empty: cancelled. */
    public final Deque<SqsLogin> sqsLogins = new ArrayDeque<>();
    /** What each SQS question offered: url, region and key id. */
    public final List<String> sqsAsked = new ArrayList<>();

    @Override
    public SaveChoice askSaveChanges(String documentName) {
        saveQuestions.add(documentName);
        return saveAnswer;
    }

    @Override
    public boolean offerRecovery(String description) {
        recoveryOffers.add(description);
        return restoreAnswer;
    }

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public boolean previewExport(String title, String text, List<Finding> warnings) {
        previews.add(text);
        previewWarnings.add(warnings);
        return saveExport;
    }

    @Override
    public Optional<String> chooseOne(String title, String question, List<String> choices) {
        choicesOffered.add(choices);
        return Optional.ofNullable(choice);
    }

    @Override
    public Optional<BrokerLogin> askBrokerLogin(String url, String user) {
        loginsAsked.add(user + " at " + url);
        return Optional.ofNullable(logins.isEmpty() ? login : logins.poll());
    }

    @Override
    public Optional<BrokerLogin> askRunOn(String broker, String url, String user, String caFile,
                                          String passwordVariable, boolean keyring) {
        caFilesOffered.add(caFile);
        keyringOffered.add(keyring);
        return askBrokerLogin(url, user);
    }

    @Override
    public Optional<BrokerLogin> askKafkaRunOn(String servers, String user, boolean tls, String caFile,
                                               String passwordVariable, boolean keyring) {
        kafkaTlsOffered.add(tls + " " + caFile);
        keyringOffered.add(keyring);
        return askBrokerLogin(servers, user);
    }

    @Override
    public Optional<SqsLogin> askSqsRunOn(String url, String region, String accessKeyId, boolean keyring) {
        sqsAsked.add(url + " " + region + " " + accessKeyId);
        keyringOffered.add(keyring);
        return Optional.ofNullable(sqsLogins.poll());
    }
}
