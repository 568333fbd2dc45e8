// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;

/**
 * The colours and fonts of the live decorations, read from the stylesheet (live.css) through a
 * few hidden probe nodes, so the painted badges follow the light and dark themes like the rest of
 * the canvas. The probes stay in the scene, so a theme change reaches them; the painter reads
 * them at every redraw.
 */
final class BadgePalette {
    /** How a boxed label looks: border, fill, text colour and font at 100%. */
    record Box(Paint border, Paint fill, Paint text, Font font) {
    }

    private final Group probes = new Group();
    private final Label pill = probeLabel("live-pill");
    private final Label pillGrowing = probeLabel("live-pill");
    private final Label pillAlarm = probeLabel("live-pill");
    private final Label wireRate = probeLabel("live-wire-rate");
    private final Label pipsMore = probeLabel("live-pips-more");
    private final Region pips = new Region();
    private final Rectangle ring = probeShape("live-ring");
    private final Rectangle ringAlarm = probeShape("live-ring");
    private final Rectangle track = probeShape("live-bar-track");
    private final Rectangle ready = probeShape("live-bar-ready");
    private final Rectangle unacked = probeShape("live-bar-unacked");
    private final Rectangle scheduled = probeShape("live-bar-scheduled");

    BadgePalette() {
        pillGrowing.pseudoClassStateChanged(PseudoClass.getPseudoClass("growing"), true);
        pillAlarm.pseudoClassStateChanged(PseudoClass.getPseudoClass("runaway"), true);
        ringAlarm.pseudoClassStateChanged(PseudoClass.getPseudoClass("runaway"), true);
        pips.getStyleClass().add("live-pips");
        probes.getChildren().addAll(pill, pillGrowing, pillAlarm, wireRate, pipsMore, pips, ring, ringAlarm, track,
                ready, unacked, scheduled);
        probes.setManaged(false);
        probes.setVisible(false);
        probes.setMouseTransparent(true);
    }

    /** The probe nodes; put them where live.css applies. */
    Group probes() {
        return probes;
    }

    Box pill(QueueHealth.Level level, boolean down) {
        Label l = down || level == QueueHealth.Level.RUNAWAY ? pillAlarm
                : level == QueueHealth.Level.GROWING ? pillGrowing : pill;
        return box(l);
    }

    Box wireRate() {
        return box(wireRate);
    }

    Box pips() {
        return new Box(fill(pips.getBackground(), 0), fill(pips.getBackground(), -1), pipsMore.getTextFill(),
                pipsMore.getFont());
    }

    Paint ring(boolean alarm) {
        return (alarm ? ringAlarm : ring).getStroke();
    }

    double ringOpacity() {
        return ring.getOpacity();
    }

    Paint track() {
        return track.getFill();
    }

    Paint ready() {
        return ready.getFill();
    }

    Paint unacked() {
        return unacked.getFill();
    }

    Paint scheduled() {
        return scheduled.getFill();
    }

    private static Box box(Label l) {
        return new Box(fill(l.getBackground(), 0), fill(l.getBackground(), -1), l.getTextFill(), l.getFont());
    }

    /** Fill {@code index} of a background (-1: the last), or transparent. */
    private static Paint fill(Background b, int index) {
        if (b == null || b.getFills().isEmpty()) {
            return Color.TRANSPARENT;
        }
        java.util.List<BackgroundFill> fills = b.getFills();
        return fills.get(index < 0 ? fills.size() - 1 : Math.min(index, fills.size() - 1)).getFill();
    }

    private static Label probeLabel(String styleClass) {
        Label l = new Label("0");
        l.getStyleClass().add(styleClass);
        return l;
    }

    private static Rectangle probeShape(String styleClass) {
        Rectangle r = new Rectangle(1, 1);
        r.getStyleClass().add(styleClass);
        return r;
    }

    static boolean isVisible(Paint p) {
        return p != null && !(p instanceof Color c && c.getOpacity() == 0);
    }
}
