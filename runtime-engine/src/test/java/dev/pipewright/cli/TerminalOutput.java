// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

/** What every piece of command-line output must be. */
final class TerminalOutput {
    private TerminalOutput() {
    }

    /** No character a terminal acts on or hides: controls (but line breaks), format characters such as bidi overrides, separators. */
    static void assertNoRawControlCharacter(String output) {
        String withoutLineBreaks = output.replace("\r\n", "\n").replace("\n", "");
        for (int i = 0; i < withoutLineBreaks.length(); i++) {
            char c = withoutLineBreaks.charAt(i);
            int type = Character.getType(c);
            assertThat(type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR)
                    .as("raw U+%04X at %d in: %s", (int) c, i, TerminalText.escape(output)).isFalse();
        }
    }
}
