// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.export;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;

/**
 * Encodes a JavaFX image as an 8-bit RGBA PNG (RFC 2083) with the JDK's own zlib. JavaFX has no
 * image writer, and the usual bridge (SwingFXUtils and ImageIO) would pull java.desktop and
 * javafx.swing, about 20 MB, into the installed app for this one job.
 */
final class PngWriter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int FILTER_UP = 2;

    private PngWriter() {
    }

    static void write(Image image, OutputStream out) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        PixelReader pixels = image.getPixelReader();
        if (width < 1 || height < 1 || pixels == null) {
            throw new IOException("the picture is empty (" + width + " x " + height + " pixels)");
        }
        DataOutputStream png = new DataOutputStream(out);
        png.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream(13);
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(width);
        h.writeInt(height);
        h.writeByte(8); // bits per channel
        h.writeByte(6); // colour type: RGBA
        h.writeByte(0); // deflate
        h.writeByte(0); // adaptive filtering
        h.writeByte(0); // no interlace
        chunk(png, "IHDR", header.toByteArray());
        chunk(png, "IDAT", imageData(pixels, width, height));
        chunk(png, "IEND", new byte[0]);
        png.flush();
    }

    /** Rows of RGBA bytes, each filtered by its difference to the row above, then deflated. */
    private static byte[] imageData(PixelReader pixels, int width, int height) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream z = new DeflaterOutputStream(data, deflater)) {
            byte[] previous = new byte[width * 4];
            byte[] row = new byte[width * 4];
            byte[] filtered = new byte[width * 4];
            int[] argb = new int[width];
            for (int y = 0; y < height; y++) {
                pixels.getPixels(0, y, width, 1, PixelFormat.getIntArgbInstance(), argb, 0, width);
                for (int x = 0; x < width; x++) {
                    int p = argb[x];
                    row[4 * x] = (byte) (p >> 16);
                    row[4 * x + 1] = (byte) (p >> 8);
                    row[4 * x + 2] = (byte) p;
                    row[4 * x + 3] = (byte) (p >>> 24);
                }
                for (int i = 0; i < row.length; i++) {
                    filtered[i] = (byte) (row[i] - previous[i]);
                }
                z.write(FILTER_UP);
                z.write(filtered);
                byte[] swap = previous;
                previous = row;
                row = swap;
            }
        } finally {
            deflater.end();
        }
        return data.toByteArray();
    }

    private static void chunk(DataOutputStream png, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeInt(data.length);
        png.write(name);
        png.write(data);
        png.writeInt((int) crc.getValue());
    }
}
