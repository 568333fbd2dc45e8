// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipewright.model.TerminalText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small JSONPath subset processors understand: a path {@code $.a.b}, {@code $.items[0]} or
 * {@code $.items[*]} (the array itself), optionally compared with a literal:
 * {@code $.amount > 10}, {@code $.kind == 'gold'}, {@code $.flag == true}; operators
 * {@code == != > >= < <=}. A bare path is true when the value exists and is not false, null, 0 or
 * an empty string. A comparison with a missing value is false.
 */
public final class Expression {
    private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z_][\\w-]*+)|\\[(\\d++|\\*)]|\\['([^']*+)']");
    private static final List<String> OPERATORS = List.of("==", "!=", ">=", "<=", ">", "<");

    private final String text;
    private final List<Object> path = new ArrayList<>();
    private final String op;
    private final Object literal;

    /**
     * Parses an expression. It is read in one pass, left to right (no regular expression over
     * the whole text), so no spacing makes it slow.
     *
     * @throws IllegalArgumentException saying which forms are understood
     */
    public Expression(String text) {
        this.text = text;
        String s = text == null ? "" : text;
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        int start = skipSpace(s, 0, end);
        if (start == end || s.charAt(start) != '$') {
            throw notUnderstood();
        }
        int pathEnd = start + 1;
        while (pathEnd < end && "=!<>".indexOf(s.charAt(pathEnd)) < 0 && !isSpace(s.charAt(pathEnd))) {
            pathEnd++;
        }
        parsePath(s.substring(start, pathEnd));
        int at = skipSpace(s, pathEnd, end);
        if (at == end) {
            op = null;
            literal = null;
            return;
        }
        op = OPERATORS.stream().filter(o -> s.startsWith(o, at)).findFirst().orElseThrow(this::notUnderstood);
        int value = skipSpace(s, at + op.length(), end);
        if (value == end) {
            throw notUnderstood();
        }
        literal = parseLiteral(s.substring(value, end).trim());
    }

    /** The whitespace of regular expressions' {@code \s}, which this syntax has always used. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static int skipSpace(String s, int from, int end) {
        int i = from;
        while (i < end && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private IllegalArgumentException notUnderstood() {
        return new IllegalArgumentException(shown(text) + " is not an expression this engine understands; write a path"
                + " such as $.amount, optionally compared with a value: $.amount > 10, $.kind == 'gold'");
    }

    /** Text from the flow as a message can quote it: cut short, control characters escaped. */
    private static String shown(String s) {
        String t = s == null ? "" : s.strip();
        return "'" + TerminalText.escape(t.length() > 60 ? t.substring(0, 57) + "..." : t) + "'";
    }

    private void parsePath(String p) {
        String rest = p.substring(1);
        Matcher seg = SEGMENT.matcher(rest);
        int pos = 0;
        while (pos < rest.length()) {
            seg.region(pos, rest.length());
            if (!seg.lookingAt()) {
                throw new IllegalArgumentException(shown(text) + ": cannot read the path at " + shown(rest.substring(pos))
                        + "; write $.field, $.a.b, $.items[0] or $.items[*]");
            }
            if (seg.group(1) != null) {
                path.add(seg.group(1));
            } else if (seg.group(3) != null) {
                path.add(seg.group(3));
            } else if (!seg.group(2).equals("*")) {
                path.add(index(seg.group(2)));
            }
            pos = seg.end();
        }
    }

    private int index(String digits) {
        String plain = digits.replaceFirst("^0+(?=\\d)", "");
        if (plain.length() > 10 || Long.parseLong(plain) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(shown(text) + ": the position ["
                    + (digits.length() > 20 ? digits.substring(0, 17) + "..." : digits)
                    + "] is too large; array positions go up to " + Integer.MAX_VALUE);
        }
        return Integer.parseInt(plain);
    }

    private Object parseLiteral(String s) {
        if ((s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\"")) && s.length() >= 2) {
            return s.substring(1, s.length() - 1);
        }
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        if (s.equals("null")) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(shown(text) + ": " + shown(s) + " is not a value; write a number, 'text',"
                    + " true or false", e);
        }
    }

    /** The value at the path, or null when it is missing. */
    public JsonNode select(JsonNode root) {
        JsonNode node = root;
        for (Object step : path) {
            if (node == null) {
                return null;
            }
            node = step instanceof Integer i ? node.get(i) : node.get((String) step);
        }
        return node == null || node.isMissingNode() ? null : node;
    }

    /** Whether the condition holds for the payload {@code root}. */
    public boolean test(JsonNode root) {
        JsonNode v = select(root);
        if (op == null) {
            return v != null && !v.isNull() && !(v.isBoolean() && !v.booleanValue())
                    && !(v.isNumber() && v.doubleValue() == 0) && !(v.isTextual() && v.textValue().isEmpty());
        }
        if (v == null) {
            return false;
        }
        int cmp;
        if (literal instanceof Double d && v.isNumber()) {
            cmp = Double.compare(v.doubleValue(), d);
        } else if (literal instanceof Boolean b && v.isBoolean()) {
            cmp = Boolean.compare(v.booleanValue(), b);
        } else if (literal == null) {
            cmp = v.isNull() ? 0 : 1;
        } else {
            cmp = v.asText().compareTo(String.valueOf(literal instanceof Double d && d == Math.rint(d)
                    ? String.valueOf(d.longValue()) : literal));
        }
        return switch (op) {
            case "==" -> cmp == 0;
            case "!=" -> cmp != 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "<" -> cmp < 0;
            default -> cmp <= 0;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
