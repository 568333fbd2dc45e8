// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.export;

import dev.pipewright.model.Flow;
import dev.pipewright.model.export.MermaidExport;
import dev.pipewright.model.export.SvgExport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;

/** Writes the diagram to files: PNG from the canvas' picture, SVG and Mermaid from the flow itself. */
public final class DiagramExport {
    private DiagramExport() {
    }

    /** Writes {@code image} as a PNG file. */
    public static void writePng(Image image, Path file) throws IOException {
        Objects.requireNonNull(image, "image");
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(buffered, "png", file.toFile())) {
            throw new IOException("no PNG writer is available in this Java runtime");
        }
    }

    /** Writes the flow as an SVG drawing. */
    public static void writeSvg(Flow flow, Path file) throws IOException {
        Files.writeString(file, SvgExport.write(flow), StandardCharsets.UTF_8);
    }

    /** Writes the flow as a Mermaid flowchart. */
    public static void writeMermaid(Flow flow, Path file) throws IOException {
        Files.writeString(file, MermaidExport.write(flow), StandardCharsets.UTF_8);
    }

    /** {@code name} with {@code extension}, replacing a {@code .flow.json} ending. */
    public static String fileName(String name, String extension) {
        String base = name.endsWith(".flow.json") ? name.substring(0, name.length() - ".flow.json".length()) : name;
        base = base.strip().replaceAll("[\\\\/:*?\"<>|]+", "-");
        return (base.isEmpty() ? "diagram" : base) + "." + extension;
    }
}
