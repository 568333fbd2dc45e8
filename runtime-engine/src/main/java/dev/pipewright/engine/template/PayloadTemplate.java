// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.template;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.model.TerminalText;
import dev.pipewright.model.io.JsonProblems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source's payload template: JSON text in which {@code ${seq}} (the message's sequence number),
 * {@code ${random(a,b)}} (a uniform number from a to b; whole numbers when both bounds are) and
 * {@code ${oneOf(x,y,...)}} (one of the words, as written) are filled in per message. Write
 * {@code "${oneOf(a,b)}"} in quotes to get a string. A template without placeholders is parsed
 * once and shared.
 *
 * <p>A message does not keep its filled-in JSON tree (about 2.8 KB to make, hundreds of bytes to
 * keep): when the values drawn for the placeholders fit in 64 bits together, as whole-number
 * ranges, choices and one fractional {@code random} do, the message keeps them packed in one
 * {@code long} and its tree is made from them when something reads the payload. The draws are the
 * same, in the same order, as when the tree was made at once, so a run's results do not change.
 *
 * <p>A live run on a real broker sends {@link #text} of its sources' templates: the same text,
 * drawn the same way, that the simulator parses into a message's tree.
 */
public final class PayloadTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();
    // Possessive quantifiers: a long run of spaces inside "${" can never make the search backtrack.
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{\\s*+(seq|random|oneOf)\\s*+(?:\\(([^)]*+)\\))?\\s*+}");
    /** Bounds of {@code ${random(a,b)}}: whole numbers stay exact and every draw stays finite. */
    private static final double MAX_BOUND = 1e15;
    /** Characters the compile-time check may parse; a template needing more is refused. */
    private static final long MAX_CHECKED_CHARS = 1L << 26;

    private final List<String> literals = new ArrayList<>();
    private final List<String[]> holes = new ArrayList<>();
    /** {@link #holes} compiled for drawing and filling in, in the same order. */
    private final List<Hole> compiled = new ArrayList<>();
    /** True when the draws of all placeholders pack into one {@code long} (see {@link #draw}). */
    private final boolean packable;
    private final JsonNode constant;

    private enum Kind { SEQ, WHOLE, REAL, ONE_OF }

    /**
     * One placeholder, ready to draw: a whole number {@code low} plus a draw below {@code range},
     * a real number from {@code a} to {@code b}, or one of {@code choices}; {@code bits} is how many
     * bits its draw takes when packed.
     */
    private record Hole(Kind kind, long low, long range, double a, double b, String[] choices, int bits) {
        static Hole of(String[] h) {
            return switch (h[0]) {
                case "seq" -> new Hole(Kind.SEQ, 0, 0, 0, 0, null, 0);
                case "random" -> {
                    double a = Double.parseDouble(h[1]);
                    double b = Double.parseDouble(h[2]);
                    if (isWhole(h[1]) && isWhole(h[2])) {
                        long range = (long) b - (long) a + 1;
                        yield new Hole(Kind.WHOLE, (long) a, range, a, b, null, bitsFor(range));
                    }
                    yield new Hole(Kind.REAL, 0, 0, a, b, null, Long.SIZE);
                }
                default -> new Hole(Kind.ONE_OF, 0, 0, 0, 0,
                        Arrays.copyOfRange(h, 1, h.length), bitsFor(h.length - 1));
            };
        }

        /** Bits that hold every draw from 0 to {@code n - 1}. */
        private static int bitsFor(long n) {
            return Long.SIZE - Long.numberOfLeadingZeros(n - 1);
        }

        /** Draws as the template always has: the same method of {@code rng}, so the same stream of draws. */
        long draw(SplittableRandom rng) {
            return switch (kind) {
                case SEQ -> 0;
                case WHOLE -> rng.nextLong(range);
                case REAL -> Double.doubleToRawLongBits(rng.nextDouble());
                case ONE_OF -> rng.nextInt(choices.length);
            };
        }

        void append(StringBuilder sb, long seq, long drawn) {
            switch (kind) {
                case SEQ -> sb.append(seq);
                case WHOLE -> sb.append(low + drawn);
                case REAL -> sb.append(a + (b - a) * Double.longBitsToDouble(drawn));
                case ONE_OF -> sb.append(choices[(int) drawn]);
            }
        }
    }

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
                checkRandom(args, hole);
            }
            if (hole[0].equals("oneOf") && parts.length == 0) {
                throw new IllegalArgumentException("${oneOf(x,y)} needs at least one choice");
            }
            holes.add(hole);
            last = m.end();
        }
        literals.add(template.substring(last));
        int bits = 0;
        for (String[] hole : holes) {
            compiled.add(Hole.of(hole));
            bits += compiled.getLast().bits();
        }
        packable = bits <= Long.SIZE;
        checkEveryKindOfValue();
        JsonNode sample = parse(text(1, drawAll(new SplittableRandom(0))));
        constant = holes.isEmpty() ? sample : null;
    }

    private static void checkRandom(String args, String[] hole) {
        String shown = "${random(" + TerminalText.escape(args.length() > 40 ? args.substring(0, 37) + "..." : args) + ")}";
        if (hole.length != 3) {
            throw new IllegalArgumentException(shown + " takes two numbers, e.g. ${random(1,100)}");
        }
        double a;
        double b;
        try {
            a = Double.parseDouble(hole[1]);
            b = Double.parseDouble(hole[2]);
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

    /**
     * Fills the template with every kind of value each placeholder can give (each choice of a
     * {@code oneOf}; the bounds, zero and numbers printed in E notation of a {@code random}), the
     * others at their first, so a template that is JSON for some messages only is refused here
     * rather than failing mid-run. Choices of the same shape (see {@link #shape}) are tried once.
     */
    private void checkEveryKindOfValue() {
        if (holes.isEmpty()) {
            return;
        }
        List<List<String>> values = new ArrayList<>();
        String[] chosen = new String[holes.size()];
        for (int i = 0; i < holes.size(); i++) {
            values.add(kindsOfValue(holes.get(i)));
            chosen[i] = values.get(i).getFirst();
        }
        long budget = MAX_CHECKED_CHARS;
        for (int i = 0; i < holes.size(); i++) {
            List<String> toTry = values.get(i);
            if (holes.get(i)[0].equals("oneOf") && insideString(i, chosen)) {
                // In a string, any choice without a quote, a backslash or a control character is fine.
                toTry = toTry.stream().filter(v -> v.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20)).toList();
            }
            for (String v : toTry) {
                chosen[i] = v;
                String text = fill(chosen);
                budget -= text.length();
                if (budget < 0) {
                    throw new IllegalArgumentException("the template has too many different choices to check;"
                            + " use fewer or shorter ${oneOf(...)} choices");
                }
                try {
                    parse(text);
                } catch (IllegalArgumentException e) {
                    throw holes.get(i)[0].equals("oneOf") && !v.startsWith("\"")
                            ? new IllegalArgumentException(e.getMessage() + "; for text, put the placeholder in quotes:"
                                    + " \"${oneOf(...)}\"", e.getCause())
                            : e;
                }
            }
            chosen[i] = values.get(i).getFirst();
        }
    }

    /** True when placeholder {@code i} sits inside a JSON string: a plain word there is JSON. */
    private boolean insideString(int i, String[] chosen) {
        String was = chosen[i];
        chosen[i] = "x";
        try {
            JSON.readTree(fill(chosen));
            return true;
        } catch (JsonProcessingException e) {
            return false;
        } finally {
            chosen[i] = was;
        }
    }

    private static List<String> kindsOfValue(String[] h) {
        return switch (h[0]) {
            case "seq" -> List.of("1");
            case "random" -> {
                double a = Double.parseDouble(h[1]);
                double b = Double.parseDouble(h[2]);
                List<Double> picks = new ArrayList<>(List.of(a, b));
                if (a < 0 && b > 0) {
                    picks.add(0.0);
                }
                if (isWhole(h[1]) && isWhole(h[2])) {
                    yield picks.stream().map(d -> Long.toString(d.longValue())).distinct().toList();
                }
                // Doubles print in E notation below 0.001 and from 10 million.
                picks.add(Math.clamp(1e-4, a, b));
                picks.add(Math.clamp(-1e-4, a, b));
                yield picks.stream().map(String::valueOf).distinct().toList();
            }
            default -> {
                Map<String, String> byShape = new LinkedHashMap<>();
                for (int i = 1; i < h.length; i++) {
                    byShape.putIfAbsent(shape(h[i]), h[i]);
                }
                yield List.copyOf(byShape.values());
            }
        };
    }

    /**
     * A choice's shape: digits 1 to 9 made alike, and the letters that are no part of
     * {@code true}, {@code false}, {@code null}, a number or an escape, and non-ASCII characters.
     * Characters made alike are JSON or not in exactly the same places, so two choices of the same
     * shape are JSON in the same templates.
     */
    private static String shape(String choice) {
        StringBuilder sb = new StringBuilder(choice.length());
        for (int i = 0; i < choice.length(); i++) {
            char c = choice.charAt(i);
            if (c >= '1' && c <= '9') {
                sb.append('1');
            } else if (c >= 0x80) {
                sb.append('\u00e9');
            } else if ((c >= 'G' && c <= 'Z') || "ghijkmopqvwxyz".indexOf(c) >= 0) {
                sb.append('x');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private String fill(String[] chosen) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < holes.size(); i++) {
            sb.append(literals.get(i)).append(chosen[i]);
        }
        return sb.append(literals.getLast()).toString();
    }

    /** The payload of the message with sequence number {@code seq}, made now. */
    public JsonNode next(long seq, SplittableRandom rng) {
        return constant != null ? constant : parse(text(seq, drawAll(rng)));
    }

    /**
     * The text of the message with sequence number {@code seq}, filled in now: what {@link #next}
     * parses, with the same draws from {@code rng} in the same order (none without placeholders).
     */
    public String text(long seq, SplittableRandom rng) {
        return holes.isEmpty() ? literals.getFirst() : text(seq, drawAll(rng));
    }

    /** The tree of a template without placeholders, shared by every message; null when it has some. */
    public JsonNode constant() {
        return constant;
    }

    /** True when the draws of all placeholders pack into one {@code long} (see {@link #draw}). */
    public boolean packable() {
        return packable;
    }

    /**
     * Draws every placeholder's value, in order, packed into one {@code long} for
     * {@link #payload(long, long)}; only when {@link #packable}. The same draws as {@link #next}'s.
     */
    public long draw(SplittableRandom rng) {
        long packed = 0;
        int shift = 0;
        for (Hole h : compiled) {
            if (h.bits() > 0) {
                packed |= h.draw(rng) << shift;
                shift += h.bits();
            } else {
                h.draw(rng);
            }
        }
        return packed;
    }

    /** The payload of the message with sequence number {@code seq} whose draws {@link #draw} packed. */
    public JsonNode payload(long seq, long packed) {
        long[] drawn = new long[compiled.size()];
        int shift = 0;
        for (int i = 0; i < drawn.length; i++) {
            int bits = compiled.get(i).bits();
            if (bits > 0) {
                drawn[i] = (packed >>> shift) & (bits == Long.SIZE ? -1L : (1L << bits) - 1);
                shift += bits;
            }
        }
        return parse(text(seq, drawn));
    }

    private long[] drawAll(SplittableRandom rng) {
        long[] drawn = new long[compiled.size()];
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = compiled.get(i).draw(rng);
        }
        return drawn;
    }

    private String text(long seq, long[] drawn) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < compiled.size(); i++) {
            sb.append(literals.get(i));
            compiled.get(i).append(sb, seq, drawn[i]);
        }
        return sb.append(literals.getLast()).toString();
    }

    private static boolean isWhole(String s) {
        return s.matches("-?\\d+");
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            long offset = at == null ? -1 : at.getCharOffset();
            String where = at == null || at.getLineNr() < 1 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new IllegalArgumentException("once filled in, the template can read "
                    + TerminalText.escape(excerpt(text, offset)) + ", which is not JSON" + where + ": "
                    + JsonProblems.plain(e.getOriginalMessage()), e);
        }
    }

    /** The filled-in text, or the part of it around {@code at} when it is long. */
    private static String excerpt(String text, long at) {
        if (text.length() <= 60) {
            return "'" + text + "'";
        }
        int from = Math.clamp(at - 30, 0, text.length() - 60);
        return (from > 0 ? "'..." : "'") + text.substring(from, from + 60) + (from + 60 < text.length() ? "...'" : "'");
    }
}
