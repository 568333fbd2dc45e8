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
        assertThat(TerminalText.escape("a\u001b[2Jb")).isEqualTo("a\\u001B[2Jb");
        assertThat(TerminalText.escape("line\nnext\ttab\r")).isEqualTo("line\\u000Anext\\u0009tab\\u000D");
        assertThat(TerminalText.escape("\u0000\u007f\u0085\u009b")).isEqualTo("\\u0000\\u007F\\u0085\\u009B");
    }

    @Test
    void writesBidirectionalControlsAsEscapes() {
        assertThat(TerminalText.escape("abc\u202Efed\u202C")).isEqualTo("abc\\u202Efed\\u202C");
        assertThat(TerminalText.escape("\u2066x\u2069\u200F\u061C")).isEqualTo("\\u2066x\\u2069\\u200F\\u061C");
    }

    @Test
    void writesLoneSurrogatesAsEscapesButKeepsPairs() {
        assertThat(TerminalText.escape("a\ud800b")).isEqualTo("a\\uD800b");
        assertThat(TerminalText.escape("\udc00")).isEqualTo("\\uDC00");
        assertThat(TerminalText.escape("\ud83d\ude00\ud83d")).isEqualTo("\ud83d\ude00\\uD83D");
    }

    @Test
    void showsNullAsAWord() {
        assertThat(TerminalText.escape(null)).isEqualTo("null");
    }
}
