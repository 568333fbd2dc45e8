// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.export;

import dev.pipewright.model.Flow;
import dev.pipewright.model.export.MermaidExport;
import dev.pipewright.model.export.SvgExport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import javafx.scene.image.Image;

/** Writes the diagram to files: PNG from the canvas' picture, SVG and Mermaid from the flow itself. */
public final class DiagramExport {
    private DiagramExport() {
    }

    /** Writes {@code image} as a PNG file, atomically: a failed export leaves no half-written file. */
    public static void writePng(Image image, Path file) throws IOException {
        Objects.requireNonNull(image, "image");
        Path target = file.toAbsolutePath();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp))) {
                PngWriter.write(image, out);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
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
