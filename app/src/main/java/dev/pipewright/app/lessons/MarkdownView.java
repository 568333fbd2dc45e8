// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.lessons;

import dev.pipewright.model.lesson.LessonBody;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * A lesson's body as the lessons panel shows it: headings, paragraphs, bullets and numbered items,
 * with bold and code runs, in the theme's colours (the stylesheet's {@code lesson-*} classes).
 * The text is shown as text, never interpreted further.
 */
final class MarkdownView {
    private MarkdownView() {
    }

    /** The blocks of {@code body}, one node each, in order. */
    static VBox of(LessonBody body) {
        VBox box = new VBox(6);
        box.getStyleClass().add("lesson-body");
        for (LessonBody.Block block : body.blocks()) {
            box.getChildren().add(switch (block) {
                case LessonBody.Heading h -> heading(h);
                case LessonBody.Paragraph p -> flow(p.spans(), "lesson-paragraph");
                case LessonBody.Bullet b -> item("•", b.spans());
                case LessonBody.Numbered n -> item(n.number() + ".", n.spans());
            });
        }
        return box;
    }

    private static Node heading(LessonBody.Heading h) {
        Label l = new Label(h.plainText());
        l.getStyleClass().addAll("lesson-heading", h.level() <= 1 ? "lesson-heading-1" : "lesson-heading-2");
        l.setWrapText(true);
        return l;
    }

    private static Node item(String marker, List<LessonBody.Span> spans) {
        Label m = new Label(marker);
        m.getStyleClass().add("lesson-marker");
        m.setMinWidth(18);
        TextFlow text = flow(spans, "lesson-item");
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox row = new HBox(4, m, text);
        row.getStyleClass().add("lesson-item-row");
        return row;
    }

    /** The runs of a block as one wrapping text. */
    static TextFlow flow(List<LessonBody.Span> spans, String styleClass) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add(styleClass);
        for (LessonBody.Span s : spans) {
            Text t = new Text(s.style() == LessonBody.Style.CODE ? "\u2009" + s.text() + "\u2009" : s.text());
            t.getStyleClass().add(switch (s.style()) {
                case PLAIN -> "lesson-text";
                case BOLD -> "lesson-bold";
                case CODE -> "lesson-code";
            });
            flow.getChildren().add(t);
        }
        return flow;
    }
}
