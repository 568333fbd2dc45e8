// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static dev.pipewright.app.FxTools.onFx;

import dev.pipewright.app.FxTools;
import dev.pipewright.app.shell.MainWindow;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * A short looping GIF of a sample running on the canvas: the dots moving, the numbers changing.
 * Writes {@code docs/screenshots/live-<sample>.gif}. Run from the repository root with the app's
 * test class path: {@code java -cp <test class path> dev.pipewright.app.live.LiveGif [sample] [folder]}.
 * The frames are real snapshots of the canvas, one every {@link #FRAME_MILLIS} ms, written with the
 * JDK's own GIF writer.
 */
public final class LiveGif {
    private static final int FRAMES = 40;
    private static final int FRAME_MILLIS = 80;
    private static final double MARGIN = 28;

    private LiveGif() {
    }

    public static void main(String[] args) throws Exception {
        String sampleId = args.length > 0 ? args[0] : "dead-letter-queue";
        Path out = Path.of(args.length > 1 ? args[1] : "docs/screenshots");
        Files.createDirectories(out);
        FxTools.startHeadless();
        MainWindow[] window = {SampleWindow.open(sampleId, Files.createTempDirectory("pipewright-gif"))};
        Thread.sleep(500);
        onFx(() -> window[0].live().run().play());
        Thread.sleep(4000); // dots on every wire, rates settled

        List<BufferedImage> frames = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            long next = System.nanoTime() + FRAME_MILLIS * 1_000_000L;
            onFx(() -> frames.add(frame(window[0])));
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            }
        }
        onFx(() -> {
            window[0].live().close();
            window[0].stage().close();
        });
        Path file = out.resolve("live-" + sampleId + ".gif");
        write(frames, file);
        System.out.println("wrote " + file + " (" + frames.size() + " frames, " + Files.size(file) / 1024 + " KiB)");
        Platform.exit();
    }

    /** The part of the canvas around the flow, as an image. */
    private static BufferedImage frame(MainWindow window) {
        SnapshotParameters params = new SnapshotParameters();
        params.setViewport(FlowRegion.of(window, MARGIN));
        WritableImage image = window.canvas().snapshot(params, null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                copy.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return copy;
    }

    /** An endlessly looping GIF, one frame every {@link #FRAME_MILLIS} ms. */
    private static void write(List<BufferedImage> frames, Path file) throws java.io.IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
                String format = meta.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
                IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", Integer.toString(FRAME_MILLIS / 10));
                control.setAttribute("transparentColorIndex", "0");
                root.appendChild(control);
                IIOMetadataNode apps = new IIOMetadataNode("ApplicationExtensions");
                IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
                loop.setAttribute("applicationID", "NETSCAPE");
                loop.setAttribute("authenticationCode", "2.0");
                loop.setUserObject(new byte[] {1, 0, 0}); // loop forever
                apps.appendChild(loop);
                root.appendChild(apps);
                meta.setFromTree(format, root);
                writer.writeToSequence(new IIOImage(frame, null, meta), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
    }
}
