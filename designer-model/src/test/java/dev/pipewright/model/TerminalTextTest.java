// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "Orders (EU) — Zürich 日本 😀 C:\\flows\\a.flow.json";
        assertThat(TerminalText.escape(text)).isSameAs(text);
    }

    @Test
    void writesControlCharactersAsEscapes() {
        assertThat(TerminalText.escape("a\u001b[2Jb")).isEqualTo("a\\u001b[2Jb");
        assertThat(TerminalText.escape("line\nnext\ttab\r")).isEqualTo("line\\nnext\\ttab\\r");
        assertThat(TerminalText.escape("\u0000\u007f\u0085\u009b")).isEqualTo("\\u0000\\u007f\\u0085\\u009b");
    }

    @Test
    void writesBidirectionalControlsAsEscapes() {
        assertThat(TerminalText.escape("abc\u202Efed\u202C")).isEqualTo("abc\\u202efed\\u202c");
        assertThat(TerminalText.escape("\u2066x\u2069\u200F\u061C")).isEqualTo("\\u2066x\\u2069\\u200f\\u061c");
    }

    @Test
    void writesLoneSurrogatesAsEscapesButKeepsPairs() {
        assertThat(TerminalText.escape("a\ud800b")).isEqualTo("a\\ud800b");
        assertThat(TerminalText.escape("\udc00")).isEqualTo("\\udc00");
        assertThat(TerminalText.escape("\ud83d\ude00\ud83d")).isEqualTo("\ud83d\ude00\\ud83d");
    }

    @Test
    void writesLineSeparatorsAndInvisibleFormatCharactersAsEscapes() {
        assertThat(TerminalText.escape("a\u2028b\u2029c\u200bd")).isEqualTo("a\\u2028b\\u2029c\\u200bd");
    }

    @Test
    void showsNullAsAWord() {
        assertThat(TerminalText.escape(null)).isEqualTo("null");
    }
}
