// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lesson's Markdown body read as the small subset lessons use: paragraphs, headings
 * ({@code ## }), bullets ({@code - }), numbered items ({@code 1. }), and inside them
 * {@code **bold**} and {@code `code`}. Anything else is kept as plain text, so nothing a file
 * holds is lost or interpreted further. Reading is one pass over the lines, and each line one
 * pass over its characters.
 *
 * @param blocks the blocks in order
 */
public record LessonBody(List<Block> blocks) {
    private static final Pattern HEADING = Pattern.compile("(#{1,6})\\s+(.*)");
    private static final Pattern BULLET = Pattern.compile("[-*]\\s+(.*)");
    private static final Pattern NUMBERED = Pattern.compile("(\\d{1,3})[.)]\\s+(.*)");

    public LessonBody {
        blocks = List.copyOf(blocks);
    }

    /** How a run of text is shown. */
    public enum Style { PLAIN, BOLD, CODE }

    /** A run of text in one style. */
    public record Span(String text, Style style) {
        public Span {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(style, "style");
        }
    }

    /** One block of the body. */
    public sealed interface Block {
        /** The block's text in runs of one style. */
        List<Span> spans();

        /** The block's text without its styles. */
        default String plainText() {
            StringBuilder sb = new StringBuilder();
            spans().forEach(s -> sb.append(s.text()));
            return sb.toString();
        }
    }

    /** A heading; {@code level} 2 for {@code ## }. */
    public record Heading(int level, List<Span> spans) implements Block {
        public Heading {
            spans = List.copyOf(spans);
        }
    }

    /** A paragraph: consecutive lines up to a blank line. */
    public record Paragraph(List<Span> spans) implements Block {
        public Paragraph {
            spans = List.copyOf(spans);
        }
    }

    /** A bullet point. */
    public record Bullet(List<Span> spans) implements Block {
        public Bullet {
            spans = List.copyOf(spans);
        }
    }

    /** A numbered item, with the number written. */
    public record Numbered(int number, List<Span> spans) implements Block {
        public Numbered {
            spans = List.copyOf(spans);
        }
    }

    /** Reads a body. */
    public static LessonBody parse(String markdown) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        // What the text being gathered becomes: 'p' paragraph, 'b' bullet, 'n' numbered, or 0 for none.
        char open = 0;
        int number = 0;
        for (String raw : markdown.split("\r?\n", -1)) {
            String line = raw.strip();
            Matcher m;
            if (line.isEmpty()) {
                flush(blocks, open, number, text);
                open = 0;
            } else if ((m = HEADING.matcher(line)).matches()) {
                flush(blocks, open, number, text);
                open = 0;
                blocks.add(new Heading(m.group(1).length(), spans(m.group(2).strip())));
            } else if ((m = BULLET.matcher(line)).matches()) {
                flush(blocks, open, number, text);
                open = 'b';
                text.append(m.group(1));
            } else if ((m = NUMBERED.matcher(line)).matches()) {
                flush(blocks, open, number, text);
                open = 'n';
                number = Integer.parseInt(m.group(1));
                text.append(m.group(2));
            } else {
                if (open == 0) {
                    open = 'p';
                } else {
                    text.append(' ');
                }
                text.append(line);
            }
        }
        flush(blocks, open, number, text);
        return new LessonBody(blocks);
    }

    private static void flush(List<Block> blocks, char open, int number, StringBuilder text) {
        if (open != 0) {
            List<Span> spans = spans(text.toString());
            blocks.add(switch (open) {
                case 'b' -> new Bullet(spans);
                case 'n' -> new Numbered(number, spans);
                default -> new Paragraph(spans);
            });
        }
        text.setLength(0);
    }

    /** The runs of one line: {@code `code`} first (nothing inside it is bold), then {@code **bold**}. */
    static List<Span> spans(String line) {
        List<Span> spans = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        boolean bold = false;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '`') {
                int end = line.indexOf('`', i + 1);
                if (end > i) {
                    add(spans, plain, bold ? Style.BOLD : Style.PLAIN);
                    spans.add(new Span(line.substring(i + 1, end), Style.CODE));
                    i = end + 1;
                    continue;
                }
            } else if (c == '*' && line.startsWith("**", i) && (bold || line.indexOf("**", i + 2) > i)) {
                add(spans, plain, bold ? Style.BOLD : Style.PLAIN);
                bold = !bold;
                i += 2;
                continue;
            }
            plain.append(c);
            i++;
        }
        add(spans, plain, bold ? Style.BOLD : Style.PLAIN);
        return spans;
    }

    private static void add(List<Span> spans, StringBuilder text, Style style) {
        if (!text.isEmpty()) {
            spans.add(new Span(text.toString(), style));
            text.setLength(0);
        }
    }

    /** The text of every heading, in order. */
    public List<String> headings() {
        return blocks.stream().filter(b -> b instanceof Heading).map(Block::plainText).toList();
    }
}
