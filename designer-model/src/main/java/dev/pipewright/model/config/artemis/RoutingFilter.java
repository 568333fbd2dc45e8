// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.artemis;

import dev.pipewright.model.Topic;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A topic binding's key as an Artemis filter (a JMS selector) on the message property
 * {@link ArtemisBrokerXml#ROUTING_KEY_PROPERTY}, and back. Artemis has no routing key: a
 * publisher sets the property, and a divert's filter picks the messages its binding would get.
 */
final class RoutingFilter {
    private static final Pattern EQUALS = Pattern.compile(
            Pattern.quote(ArtemisBrokerXml.ROUTING_KEY_PROPERTY) + " = '((?:[^']|'')*)'");
    private static final Pattern LIKE = Pattern.compile(
            Pattern.quote(ArtemisBrokerXml.ROUTING_KEY_PROPERTY) + " LIKE '((?:[^']|'')*)' ESCAPE '!'");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    /** A filter, and whether it selects exactly what the binding selects. */
    record Result(String filter, boolean exact) {
    }

    private RoutingFilter() {
    }

    /** The filter for a binding of a topic with {@code routing}; a null filter lets every message through. */
    static Result of(Topic.Routing routing, String key, Map<String, String> headers) {
        String k = key == null ? "" : key;
        return switch (routing) {
            case FANOUT -> new Result(null, true);
            case DIRECT -> new Result(equalsFilter(k), true);
            case TOPIC -> topic(k);
            case HEADERS -> headers(headers);
        };
    }

    private static String equalsFilter(String key) {
        return ArtemisBrokerXml.ROUTING_KEY_PROPERTY + " = '" + key.replace("'", "''") + "'";
    }

    /**
     * A topic pattern: a literal key is exact, {@code #} alone lets everything through; with
     * wildcards {@code *} becomes {@code %} and {@code #} {@code %%}, which also match across dots,
     * so the filter lets more keys through than the binding (a warning says so).
     */
    private static Result topic(String pattern) {
        if (pattern.equals("#")) {
            return new Result(null, true);
        }
        String[] words = pattern.split("\\.", -1);
        boolean wild = false;
        for (String w : words) {
            wild |= w.equals("*") || w.equals("#");
        }
        if (!wild) {
            return new Result(equalsFilter(pattern), true);
        }
        StringBuilder like = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            if (i > 0) {
                like.append('.');
            }
            String w = words[i];
            if (w.equals("*")) {
                like.append('%');
            } else if (w.equals("#")) {
                like.append("%%"); // matches as % does; the second % lets the import tell # from *
            } else {
                for (char c : w.toCharArray()) {
                    if (c == '%' || c == '_' || c == '!') {
                        like.append('!');
                    }
                    like.append(c == '\'' ? "''" : String.valueOf(c));
                }
            }
        }
        return new Result(ArtemisBrokerXml.ROUTING_KEY_PROPERTY + " LIKE '" + like + "' ESCAPE '!'", false);
    }

    private static Result headers(Map<String, String> headers) {
        boolean any = "any".equalsIgnoreCase(headers.get("x-match"));
        StringBuilder sb = new StringBuilder();
        boolean exact = true;
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().startsWith("x-")) {
                continue;
            }
            if (!IDENTIFIER.matcher(e.getKey()).matches()) {
                exact = false;
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(any ? " OR " : " AND ");
            }
            sb.append(e.getKey()).append(" = '").append(e.getValue().replace("'", "''")).append('\'');
        }
        return new Result(sb.isEmpty() ? null : sb.toString(), exact);
    }

    /** The binding key a filter this class writes stands for, or null when the filter is not one of them. */
    static String keyOf(String filter) {
        Matcher m = EQUALS.matcher(filter);
        if (m.matches()) {
            return m.group(1).replace("''", "'");
        }
        m = LIKE.matcher(filter);
        if (m.matches()) {
            String like = m.group(1).replace("''", "'");
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < like.length(); i++) {
                char c = like.charAt(i);
                if (c == '!' && i + 1 < like.length()) {
                    key.append(like.charAt(++i));
                } else if (c == '%' && i + 1 < like.length() && like.charAt(i + 1) == '%') {
                    key.append('#');
                    i++;
                } else if (c == '%') {
                    key.append('*');
                } else {
                    key.append(c);
                }
            }
            return key.toString();
        }
        return null;
    }

    /** Whether the key read back from a filter came from a literal key (so the topic may be direct). */
    static boolean isLiteral(String filter) {
        return EQUALS.matcher(filter).matches();
    }
}
