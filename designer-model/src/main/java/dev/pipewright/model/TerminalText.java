// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/**
 * Makes text from a flow file safe to show in a terminal or a dialog. A name or property in a file
 * may hold any character; printed raw, a control character can move the cursor, clear the screen
 * or change colours, a line separator can add a line, and a bidirectional override can make a
 * message read differently from what it says. Such characters are written as visible escapes
 * ({@code \n}, {@code \r}, {@code \t}, else {@code \}{@code u001b}); everything else stays as it is.
 */
public final class TerminalText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TerminalText() {
    }

    /**
     * The text with every control character (line breaks and tabs included), invisible format
     * character (bidirectional controls among them), line or paragraph separator and lone
     * surrogate escaped; null gives {@code "null"}.
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
            } else if (isUnsafe(c) || Character.isSurrogate(c)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                appendEscape(sb, c);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /**
     * True for the characters {@link #escape} escapes, surrogates aside (whether one is alone
     * depends on its neighbour): for writers that escape as they go, one character at a time.
     */
    public static boolean isUnsafe(char c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }

    /** Appends the visible escape of one character. */
    public static void appendEscape(StringBuilder sb, char c) {
        switch (c) {
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            default -> sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                    .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
        }
    }
}
