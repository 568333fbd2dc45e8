// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import com.fasterxml.jackson.databind.JsonNode;
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
    private static final Pattern FORM = Pattern.compile(
            "\\s*(\\$[^=!<>\\s]*)\\s*(?:(==|!=|>=|<=|>|<)\\s*(.+?))?\\s*");

    private final String text;
    private final List<Object> path = new ArrayList<>();
    private final String op;
    private final Object literal;

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException saying which forms are understood
     */
    public Expression(String text) {
        this.text = text;
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an expression this engine understands; write a path such as"
                    + " $.amount, optionally compared with a value: $.amount > 10, $.kind == 'gold'");
        }
        parsePath(m.group(1));
        op = m.group(2);
        literal = op == null ? null : parseLiteral(m.group(3).trim());
    }

    private void parsePath(String p) {
        String rest = p.substring(1);
        Matcher seg = Pattern.compile("\\.([A-Za-z_][\\w-]*)|\\[(\\d+|\\*)]|\\['([^']*)']").matcher(rest);
        int pos = 0;
        while (pos < rest.length()) {
            if (!seg.find(pos) || seg.start() != pos) {
                throw new IllegalArgumentException("'" + text + "': cannot read the path at '" + rest.substring(pos)
                        + "'; write $.field, $.a.b, $.items[0] or $.items[*]");
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
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': the index [" + digits + "] is too large; an array"
                    + " index is at most " + Integer.MAX_VALUE, e);
        }
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
            throw new IllegalArgumentException("'" + text + "': '" + s + "' is not a value; write a number, 'text', true or false", e);
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
