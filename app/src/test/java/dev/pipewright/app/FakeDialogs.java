// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import dev.pipewright.app.files.Dialogs;
import java.util.ArrayList;
import java.util.List;

/** Answers the app's questions as a test tells it to, and remembers what it was shown. */
public final class FakeDialogs implements Dialogs {
    public SaveChoice saveAnswer = SaveChoice.DONT_SAVE;
    public boolean restoreAnswer = true;
    public final List<String> saveQuestions = new ArrayList<>();
    public final List<String> recoveryOffers = new ArrayList<>();
    public final List<String> errors = new ArrayList<>();

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
}
