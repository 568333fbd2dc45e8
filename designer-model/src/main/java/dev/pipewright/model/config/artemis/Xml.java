// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.artemis;

/** Escaping for the XML the writer builds by hand, so every name and filter comes out well-formed. */
final class Xml {
    private Xml() {
    }

    /** The text with every character XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/F) as {@code replacement}. */
    static String clean(String s, char replacement) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (sb != null) {
                    sb.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            ok = c >= 0x20 && c != 0xFFFE && c != 0xFFFF && !Character.isSurrogate(c) && !(c >= 0x7F && c <= 0x9F);
            if (!ok && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(ok ? c : replacement);
            }
        }
        return sb == null ? s : sb.toString();
    }

    static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String attr(String s) {
        return text(s).replace("\"", "&quot;");
    }

    /** Text safe inside a comment: no control characters and no {@code --}. */
    static String comment(String s) {
        String c = clean(s, ' ').replace("--", "- -");
        return c.endsWith("-") ? c + " " : c;
    }

    /** An XML name (the divert's {@code xsd:ID}): letters, digits, '.', '-', '_', starting with a letter or '_'. */
    static String ncName(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 1);
        for (int i = 0; i < s.length() && sb.length() < 200; i++) {
            char c = s.charAt(i);
            sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') ? c : '_');
        }
        if (sb.isEmpty() || !(Character.isLetter(sb.charAt(0)) || sb.charAt(0) == '_')) {
            sb.insert(0, "d_");
        }
        return sb.toString();
    }
}
