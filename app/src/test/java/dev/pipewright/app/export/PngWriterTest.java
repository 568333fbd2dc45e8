// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PNG the app writes is read back, pixel for pixel, by the JDK's own PNG reader. */
class PngWriterTest {
    @TempDir
    Path dir;

    @Test
    void everyPixelAndItsTransparencyReadsBackTheSame() throws Exception {
        int width = 37;
        int height = 23;
        WritableImage image = new WritableImage(width, height);
        SplittableRandom random = new SplittableRandom(5);
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            // Fully opaque or fully clear, so premultiplied storage cannot change the colour.
            int a = random.nextBoolean() ? 0xFF : 0x00;
            argb[i] = a == 0 ? 0 : 0xFF000000 | random.nextInt(0x1000000);
        }
        image.getPixelWriter().setPixels(0, 0, width, height, javafx.scene.image.PixelFormat.getIntArgbInstance(),
                argb, 0, width);
        Path file = dir.resolve("sub/diagram.png");

        DiagramExport.writePng(image, file);

        BufferedImage read = ImageIO.read(file.toFile());
        assertThat(read.getWidth()).isEqualTo(width);
        assertThat(read.getHeight()).isEqualTo(height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                assertThat(read.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(argb[y * width + x]);
            }
        }
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("diagram.png");
        }
    }
}
