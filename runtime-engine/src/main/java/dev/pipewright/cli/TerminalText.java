// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Makes text safe for a terminal: control characters (ESC, BEL, backspace, carriage return, C1
 * codes), bidirectional overrides and other invisible format characters, and line and paragraph
 * separators become visible escapes such as {@code \u001b}, so a node name read from a file
 * cannot recolour, move or reorder what the terminal shows, nor add lines to it. Everything the
 * command line prints goes through a {@link #printer}.
 *
 * <p>The escape itself is the model's {@link dev.pipewright.model.TerminalText}, so the app, the
 * model's messages and the command line show a character the same way.
 */
final class TerminalText {
    private TerminalText() {
    }

    /** {@code text} with every unsafe character escaped, line breaks included. */
    static String escape(String text) {
        return dev.pipewright.model.TerminalText.escape(text);
    }

    /**
     * A writer for the command line's output. {@code println} prints one line: its text is
     * {@link #escape escaped} whole, line breaks included, so a message cannot add lines.
     * {@code print} prints a block of lines (a report, the help): it escapes the same characters
     * but keeps line breaks ({@code \n} and {@code \r\n}); a block must escape line breaks in
     * the values it shows itself.
     */
    static PrintWriter printer(Writer out) {
        return new PrintWriter(new EscapingWriter(out), true) {
            @Override
            public void println(String line) {
                super.println(line == null ? null : escape(line));
            }

            @Override
            public void println(Object line) {
                println(String.valueOf(line));
            }
        };
    }

    private static boolean unsafe(char c) {
        return dev.pipewright.model.TerminalText.isUnsafe(c);
    }

    private static String escapeOf(char c) {
        StringBuilder sb = new StringBuilder(6);
        dev.pipewright.model.TerminalText.appendEscape(sb, c);
        return sb.toString();
    }

    /** Escapes as it writes; a carriage return is kept only when a line feed follows it. */
    private static final class EscapingWriter extends FilterWriter {
        private boolean pendingReturn;

        EscapingWriter(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            char ch = (char) c;
            if (pendingReturn) {
                pendingReturn = false;
                out.write(ch == '\n' ? "\r" : "\\r");
            }
            if (ch == '\r') {
                pendingReturn = true;
            } else if (ch == '\n' || !unsafe(ch)) {
                out.write(ch);
            } else {
                out.write(escapeOf(ch));
            }
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(buf[i]);
            }
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(s.charAt(i));
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (pendingReturn) {
                pendingReturn = false;
                out.write("\\r");
            }
            out.close();
        }
    }
}
