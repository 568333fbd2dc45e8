// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/**
 * The outline a node kind has in text diagrams (Mermaid flowcharts), so a reader tells the kinds
 * apart without colour.
 */
public enum DiagramShape {
    /** A rounded pill: where messages start. */
    STADIUM("([", "])"),
    /** A cylinder: something that holds messages. */
    CYLINDER("[(", ")]"),
    /** A hexagon: a router that copies messages. */
    HEXAGON("{{", "}}"),
    /** A plain box: a step that works on messages. */
    RECTANGLE("[", "]"),
    /** A box with double sides: a group of workers. */
    SUBROUTINE("[[", "]]"),
    /** A flag: the outside world. */
    FLAG(">", "]");

    private final String open;
    private final String close;

    DiagramShape(String open, String close) {
        this.open = open;
        this.close = close;
    }

    /** The Mermaid node text with its label inside this shape's brackets. */
    public String mermaid(String label) {
        return open + label + close;
    }
}
