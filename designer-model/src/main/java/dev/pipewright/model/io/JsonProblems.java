// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import dev.pipewright.model.TerminalText;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the JSON parser's (Jackson's) messages into words for people: no class or feature names,
 * no code points, no source description, and a hint for the mistakes people make in hand-written
 * JSON (NaN, a plus sign, comments, a line break inside quotes).
 */
public final class JsonProblems {
    private static final Pattern NON_NUMBER = Pattern.compile("(?i)non-standard token '([^']{1,20})'.*");
    private static final Pattern WORD = Pattern.compile("(?i)unrecognized token '([^']{1,40})[^']*'.*");
    private static final Pattern CONTROL = Pattern.compile("(?i)illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\).*");

    private JsonProblems() {
    }

    /**
     * The parser's message as one plain sentence, starting in lower case.
     *
     * @param message the parser's own message, e.g. {@code JsonProcessingException.getOriginalMessage()}
     */
    public static String plain(String message) {
        if (message == null || message.isBlank()) {
            return "the text is malformed";
        }
        String s = message;
        int cut = s.indexOf('\n');
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        Matcher nonNumber = NON_NUMBER.matcher(s);
        if (nonNumber.matches()) {
            return "'" + nonNumber.group(1) + "' is not a number JSON has; write a number such as 0.5";
        }
        Matcher word = WORD.matcher(s);
        if (word.matches()) {
            return "'" + TerminalText.escape(word.group(1)) + "' is not a JSON value; text goes in double quotes,"
                    + " and true, false and null in lower case";
        }
        Matcher control = CONTROL.matcher(s);
        if (control.matches()) {
            return "text in quotes holds a control character (code " + control.group(1) + "); write it with a"
                    + " backslash, e.g. \\n for a line break";
        }
        if (s.contains("does not allow numbers to have plus signs")) {
            return "a number in JSON has no '+' sign; leave it out";
        }
        if (s.contains("ALLOW_COMMENTS")) {
            return "unexpected character '/': JSON has no comments; remove the comment";
        }
        s = s.replaceAll("\\s*\\(start marker at \\[[^]]*]\\)", "");
        s = s.replaceAll("\\[Source:[^]]*]", "");
        s = s.replaceAll("\\(('\\S{1,3}'|\\(CTRL-CHAR[^)]*\\)) \\(code [^)]*\\)\\)", "$1");
        // Options of the parser ("enable `JsonReadFeature.X` to allow") mean nothing to a person.
        s = s.replaceAll(":?\\s*enable\\s+`[^`]*`\\s+to allow", "");
        s = s.replaceAll("`[^`]*`", "");
        s = TerminalText.escape(s.trim());
        return s.isEmpty() ? "the text is malformed" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
