// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

/** The groups of the palette, in the order they appear. */
public enum PaletteGroup {
    PRODUCE_AND_CONSUME("Produce and consume"),
    CHANNELS("Channels"),
    PROCESSING("Processing");

    private final String title;

    PaletteGroup(String title) {
        this.title = title;
    }

    /** The heading a person reads. */
    public String title() {
        return title;
    }
}
