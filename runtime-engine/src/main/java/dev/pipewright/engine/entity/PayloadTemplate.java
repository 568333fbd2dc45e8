// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.model.TerminalText;
import dev.pipewright.model.io.JsonProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source's payload template: JSON text in which {@code ${seq}} (the message's sequence number),
 * {@code ${random(a,b)}} (a uniform number from a to b; whole numbers when both bounds are) and
 * {@code ${oneOf(x,y,...)}} (one of the words, as written) are filled in per message. Write
 * {@code "${oneOf(a,b)}"} in quotes to get a string. A template without placeholders is parsed
 * once and shared.
 */
public final class PayloadTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Possessive quantifiers: a long run of spaces inside "${" can never make the search backtrack.
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{\\s*+(seq|random|oneOf)\\s*+(?:\\(([^)]*+)\\))?\\s*+}");
    /** Bounds of {@code ${random(a,b)}}: whole numbers stay exact and every draw stays finite. */
    private static final double MAX_BOUND = 1e15;

    private final List<String> literals = new ArrayList<>();
    private final List<String[]> holes = new ArrayList<>();
    private final JsonNode constant;

    /**
     * Compiles a template.
     *
     * @throws IllegalArgumentException when the template is not JSON once filled in, or a placeholder is malformed
     */
    public PayloadTemplate(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            literals.add(template.substring(last, m.start()));
            String args = m.group(2) == null ? "" : m.group(2);
            String[] parts = args.isBlank() ? new String[0] : args.split(",");
            String[] hole = new String[parts.length + 1];
            hole[0] = m.group(1);
            for (int i = 0; i < parts.length; i++) {
                hole[i + 1] = parts[i].trim();
            }
            if (hole[0].equals("random")) {
                checkBounds(parts.length == 2 ? hole[1] : null, parts.length == 2 ? hole[2] : null, args);
            }
            if (hole[0].equals("oneOf") && parts.length == 0) {
                throw new IllegalArgumentException("${oneOf(x,y)} needs at least one choice");
            }
            holes.add(hole);
            last = m.end();
        }
        literals.add(template.substring(last));
        JsonNode sample = parse(fill(1, new SplittableRandom(0)));
        constant = holes.isEmpty() ? sample : null;
    }

    /** The payload of the message with sequence number {@code seq}. */
    public JsonNode next(long seq, SplittableRandom rng) {
        return constant != null ? constant : parse(fill(seq, rng));
    }

    private String fill(long seq, SplittableRandom rng) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < holes.size(); i++) {
            sb.append(literals.get(i));
            String[] h = holes.get(i);
            switch (h[0]) {
                case "seq" -> sb.append(seq);
                case "random" -> {
                    double a = Double.parseDouble(h[1]);
                    double b = Double.parseDouble(h[2]);
                    if (isWhole(h[1]) && isWhole(h[2])) {
                        sb.append((long) a + rng.nextLong((long) b - (long) a + 1));
                    } else {
                        sb.append(a + (b - a) * rng.nextDouble());
                    }
                }
                default -> sb.append(h[1 + rng.nextInt(h.length - 1)]);
            }
        }
        sb.append(literals.getLast());
        return sb.toString();
    }

    private static void checkBounds(String low, String high, String args) {
        String shown = "${random(" + TerminalText.escape(args.length() > 40 ? args.substring(0, 37) + "..." : args) + ")}";
        if (low == null) {
            throw new IllegalArgumentException(shown + " takes two numbers, e.g. ${random(1,100)}");
        }
        double a;
        double b;
        try {
            a = Double.parseDouble(low);
            b = Double.parseDouble(high);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(shown + " needs two numbers, e.g. ${random(1,100)}", e);
        }
        if (!(Math.abs(a) <= MAX_BOUND && Math.abs(b) <= MAX_BOUND)) {
            throw new IllegalArgumentException(shown + ": the bounds must be numbers from -1e15 to 1e15");
        }
        if (b < a) {
            throw new IllegalArgumentException(shown + ": the second bound must not be below the first");
        }
    }

    private static boolean isWhole(String s) {
        return s.matches("-?\\d+");
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + " once filled in)";
            throw new IllegalArgumentException("the payload template is not JSON" + where + ": "
                    + JsonProblems.plain(e.getOriginalMessage()), e);
        }
    }
}
