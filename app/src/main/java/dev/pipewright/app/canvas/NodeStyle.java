// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import dev.pipewright.app.skin.KindSkins;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Port;
import javafx.scene.paint.Color;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * How each node kind looks: its icon (from its {@link KindSkins skin}) and its accent colour (from
 * its {@link NodeKind}). The canvas and the palette both use it, so a kind looks the same wherever
 * it appears.
 */
public final class NodeStyle {
    private NodeStyle() {
    }

    /** The Ikonli literal (Material Design Icons 2) for the kind. */
    public static String iconLiteral(NodeKind kind) {
        return KindSkins.of(kind).iconLiteral();
    }

    /**
     * The kind's accent colour. Mid-tone hues chosen to read on both light and dark backgrounds.
     */
    public static Color accent(NodeKind kind) {
        return Color.web(accentHex(kind));
    }

    /** The accent colour as {@code #rrggbb}, for inline styles. */
    public static String accentHex(NodeKind kind) {
        return kind.accentHex();
    }

    /** A fresh icon for the kind, coloured with its accent, {@code size} pixels high. */
    public static FontIcon icon(NodeKind kind, int size) {
        FontIcon icon = new FontIcon(iconLiteral(kind));
        icon.setIconSize(size);
        icon.setIconColor(accent(kind));
        icon.getStyleClass().add("kind-icon");
        return icon;
    }

    /** The style class that marks a view of this kind, e.g. {@code kind-dead-letter-queue}. */
    public static String styleClass(NodeKind kind) {
        return "kind-" + kind.typeName();
    }

    /** The style class of a port or of the wires leaving it, e.g. {@code port-dead-letter}. */
    public static String portStyleClass(Port port) {
        return "port-" + port.word();
    }
}
