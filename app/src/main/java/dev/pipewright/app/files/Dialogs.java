// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.files;

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
}
