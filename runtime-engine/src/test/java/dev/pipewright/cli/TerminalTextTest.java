// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void controlAndBidiCharactersBecomeVisibleEscapes() {
        assertThat(TerminalText.escape("S\u001b[31mred\u202e\u0085\u0007")).isEqualTo("S\\u001b[31mred\\u202e\\u0085\\u0007");
        assertThat(TerminalText.escape("a\tb\r\nc\u2028")).isEqualTo("a\\tb\\r\\nc\\u2028");
    }

    @Test
    void ordinaryTextIncludingOtherScriptsIsLeftAlone() {
        String text = "Bestellungen für Zürich → 注文 (p99 < 200ms)";
        assertThat(TerminalText.escape(text)).isSameAs(text);
    }

    @Test
    void aPrintedLineCannotAddLinesButAPrintedBlockKeepsItsLineBreaks() {
        StringWriter sink = new StringWriter();
        PrintWriter out = TerminalText.printer(sink);
        out.println("name\nfake line\u001b[2J");
        out.print("table\r\nrow\rover\u009b\n");
        out.flush();
        assertThat(sink.toString()).isEqualTo("name\\nfake line\\u001b[2J" + System.lineSeparator()
                + "table\r\nrow\\rover\\u009b\n");
        TerminalOutput.assertNoRawControlCharacter(sink.toString());
    }
}
