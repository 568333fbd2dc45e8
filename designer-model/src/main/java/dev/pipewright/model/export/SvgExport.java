// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.export;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Draws a flow as a standalone SVG document: each node a rounded card with its name and kind at
 * its layout position, each wire a curve with an arrowhead and its key or route name. The app's
 * "Export diagram as SVG" and the command line's {@code export --to svg} both use it, so the
 * picture does not need a screen.
 */
public final class SvgExport {
    /** Size of a node card, the same as on the canvas. */
    public static final double NODE_WIDTH = 164;
    public static final double NODE_HEIGHT = 68;
    private static final double MARGIN = 40;

    private SvgExport() {
    }

    /** The SVG document for {@code flow}, as UTF-8 text. */
    public static String write(Flow flow) {
        Objects.requireNonNull(flow, "flow");
        double minX = 0;
        double minY = 0;
        double maxX = 320;
        double maxY = 160;
        if (!flow.nodes().isEmpty()) {
            minX = Double.MAX_VALUE;
            minY = Double.MAX_VALUE;
            maxX = -Double.MAX_VALUE;
            maxY = -Double.MAX_VALUE;
            for (Node n : flow.nodes()) {
                minX = Math.min(minX, n.position().x());
                minY = Math.min(minY, n.position().y());
                maxX = Math.max(maxX, n.position().x() + NODE_WIDTH);
                maxY = Math.max(maxY, n.position().y() + NODE_HEIGHT);
            }
        }
        // Room below for dead-letter curves and above for labels.
        double ox = MARGIN - minX;
        double oy = MARGIN - minY;
        double width = maxX - minX + 2 * MARGIN;
        double height = maxY - minY + 2 * MARGIN + 20;

        StringBuilder svg = new StringBuilder(4096);
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
                .append(" width=\"").append(num(width)).append("\" height=\"").append(num(height)).append('"')
                .append(" viewBox=\"0 0 ").append(num(width)).append(' ').append(num(height)).append("\"")
                .append(" font-family=\"Inter, 'Segoe UI', Helvetica, Arial, sans-serif\">\n");
        svg.append("  <title>").append(escape(flow.info().name())).append("</title>\n");
        if (!flow.info().description().isEmpty()) {
            svg.append("  <desc>").append(escape(flow.info().description())).append("</desc>\n");
        }
        svg.append("""
                  <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                      <path d="M 0 0 L 10 5 L 0 10 z" fill="#57606a"/>
                    </marker>
                    <marker id="arrow-failure" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                      <path d="M 0 0 L 10 5 L 0 10 z" fill="#cf222e"/>
                    </marker>
                  </defs>
                """);
        svg.append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");

        Map<String, Node> nodes = flow.nodesById();
        svg.append("  <g class=\"wires\" fill=\"none\">\n");
        for (Edge e : flow.edges()) {
            Node from = nodes.get(e.from());
            Node to = nodes.get(e.to());
            if (from != null && to != null) {
                wire(svg, e, from, to, ox, oy);
            }
        }
        svg.append("  </g>\n");

        svg.append("  <g class=\"nodes\">\n");
        for (Node n : flow.nodes()) {
            node(svg, n, ox, oy);
        }
        svg.append("  </g>\n");
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void wire(StringBuilder svg, Edge e, Node from, Node to, double ox, double oy) {
        boolean failure = e.fromPort().isFailure();
        double sx;
        double sy;
        if (failure) {
            sx = from.position().x() + ox + NODE_WIDTH / 2;
            sy = from.position().y() + oy + NODE_HEIGHT;
        } else {
            sx = from.position().x() + ox + NODE_WIDTH;
            sy = from.position().y() + oy + NODE_HEIGHT / 2;
        }
        double ex = to.position().x() + ox;
        double ey = to.position().y() + oy + NODE_HEIGHT / 2;
        double reach = Math.max(40, Math.abs(ex - sx) / 2);
        double c1x = failure ? sx : sx + reach;
        double c1y = failure ? sy + Math.max(40, Math.abs(ey - sy) / 2) : sy;
        double c2x = ex - reach;
        double c2y = ey;
        String colour = failure ? "#cf222e" : "#57606a";
        svg.append("    <path id=\"wire-").append(escape(e.id())).append("\" d=\"M ").append(num(sx)).append(' ').append(num(sy))
                .append(" C ").append(num(c1x)).append(' ').append(num(c1y)).append(", ")
                .append(num(c2x)).append(' ').append(num(c2y)).append(", ")
                .append(num(ex)).append(' ').append(num(ey)).append("\" stroke=\"").append(colour)
                .append("\" stroke-width=\"1.6\"")
                .append(failure ? " stroke-dasharray=\"6 4\" marker-end=\"url(#arrow-failure)\"" : " marker-end=\"url(#arrow)\"")
                .append("/>\n");
        String label = e.key() != null ? e.key() : failure ? e.fromPort().word() : null;
        if (label != null) {
            // The point halfway along the cubic curve.
            double mx = (sx + 3 * c1x + 3 * c2x + ex) / 8;
            double my = (sy + 3 * c1y + 3 * c2y + ey) / 8;
            double w = 7 * label.length() + 12;
            svg.append("    <rect x=\"").append(num(mx - w / 2)).append("\" y=\"").append(num(my - 10))
                    .append("\" width=\"").append(num(w)).append("\" height=\"18\" rx=\"9\" fill=\"#ffffff\" stroke=\"")
                    .append(colour).append("\" stroke-width=\"0.8\"/>\n");
            svg.append("    <text x=\"").append(num(mx)).append("\" y=\"").append(num(my + 3))
                    .append("\" font-size=\"11\" text-anchor=\"middle\" fill=\"").append(colour).append("\" stroke=\"none\">")
                    .append(escape(label)).append("</text>\n");
        }
    }

    private static void node(StringBuilder svg, Node n, double ox, double oy) {
        double x = n.position().x() + ox;
        double y = n.position().y() + oy;
        String accent = n.kind().accentHex();
        svg.append("    <g id=\"node-").append(escape(n.id())).append("\" class=\"node ").append(n.kind().typeName()).append("\">\n");
        svg.append("      <rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"").append(num(NODE_WIDTH))
                .append("\" height=\"").append(num(NODE_HEIGHT)).append("\" rx=\"10\" fill=\"#ffffff\" stroke=\"#d0d7de\" stroke-width=\"1.2\"/>\n");
        svg.append("      <rect x=\"").append(num(x)).append("\" y=\"").append(num(y + 10)).append("\" width=\"4\" height=\"")
                .append(num(NODE_HEIGHT - 20)).append("\" rx=\"2\" fill=\"").append(accent).append("\"/>\n");
        svg.append("      <circle cx=\"").append(num(x + 26)).append("\" cy=\"").append(num(y + NODE_HEIGHT / 2))
                .append("\" r=\"12\" fill=\"").append(accent).append("\" fill-opacity=\"0.15\" stroke=\"").append(accent).append("\"/>\n");
        svg.append("      <text x=\"").append(num(x + 26)).append("\" y=\"").append(num(y + NODE_HEIGHT / 2 + 4))
                .append("\" font-size=\"11\" font-weight=\"700\" text-anchor=\"middle\" fill=\"").append(accent).append("\">")
                .append(escape(n.kind().initials())).append("</text>\n");
        svg.append("      <text x=\"").append(num(x + 46)).append("\" y=\"").append(num(y + 30))
                .append("\" font-size=\"13\" font-weight=\"600\" fill=\"#1f2328\">").append(escape(clip(n.name(), 16)))
                .append("</text>\n");
        svg.append("      <text x=\"").append(num(x + 46)).append("\" y=\"").append(num(y + 48))
                .append("\" font-size=\"11\" fill=\"#57606a\">").append(escape(n.kind().displayName())).append("</text>\n");
        svg.append("    </g>\n");
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String num(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    /** Escapes text for XML content and attributes; drops characters XML 1.0 does not allow. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        if (!Character.isSurrogate(c) || (Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1)))) {
                            out.append(c);
                            if (Character.isHighSurrogate(c)) {
                                out.append(s.charAt(++i));
                            }
                        }
                    }
                }
            }
        }
        return out.toString();
    }
}
