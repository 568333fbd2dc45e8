// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/**
 * Makes text from a flow file safe to show in a terminal or a dialog. A name or property in a file
 * may hold any character; printed raw, a control character can move the cursor, clear the screen
 * or change colours, and a bidirectional override can make a message read differently from what
 * it says. Such characters are written as {@code \}{@code uXXXX} instead, everything else stays
 * as it is.
 */
public final class TerminalText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TerminalText() {
    }

    /**
     * The text with every C0 control (tabs and newlines included), DEL, C1 control, bidirectional
     * control and lone surrogate written as {@code \}{@code uXXXX}; null gives {@code "null"}.
     */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (sb != null) {
                    sb.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (unsafe(c)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                        .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** Controls, bidirectional formatting characters, and surrogates not in a pair (the caller checked pairs). */
    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || c == '\u061C' || c == '\u200E' || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || Character.isSurrogate(c);
    }
}
