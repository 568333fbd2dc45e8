// SPDX-License-Identifier: Apache-2.0
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws Pipewright's icon and writes it for each platform: pipewright.png (Linux, 256 px),
 * pipewright.ico (Windows, 16 to 256 px) and pipewright.icns (macOS, 16 to 1024 px). The icon: a
 * source feeding a queue that two consumers drain, with a message on each wire.
 *
 * <p>Run from this folder with {@code java IconMaker.java} after changing the drawing; the files
 * it writes are committed, so a build needs no drawing tool.
 */
public final class IconMaker {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Files.write(dir.resolve("pipewright.png"), png(draw(256)));
        Files.write(dir.resolve("pipewright.ico"), ico(List.of(16, 24, 32, 48, 64, 128, 256)));
        Files.write(dir.resolve("pipewright.icns"), icns());
    }

    /** The icon at {@code size} pixels square, drawn on a 256-unit grid. */
    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / 256.0, size / 256.0);

        g.setPaint(new GradientPaint(0, 0, new Color(0x2f80ed), 0, 256, new Color(0x1b3f8f)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));

        Color wire = new Color(255, 255, 255, 210);
        g.setStroke(new BasicStroke(10, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(wire);
        g.draw(new CubicCurve2D.Double(62, 128, 80, 128, 86, 128, 104, 128));
        g.draw(new CubicCurve2D.Double(152, 128, 172, 128, 170, 84, 194, 84));
        g.draw(new CubicCurve2D.Double(152, 128, 172, 128, 170, 172, 194, 172));

        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(30, 100, 56, 56)); // the source
        g.fill(new RoundRectangle2D.Double(100, 96, 56, 64, 16, 16)); // the queue
        g.fill(new Ellipse2D.Double(180, 62, 44, 44)); // the consumers
        g.fill(new Ellipse2D.Double(180, 150, 44, 44));

        Color fill = new Color(0x2f6fd6);
        g.setColor(fill);
        for (int i = 0; i < 3; i++) { // the queue's waiting messages
            g.fill(new RoundRectangle2D.Double(110, 138 - i * 16, 36, 10, 6, 6));
        }
        g.setColor(new Color(0xffc83d)); // messages on their way
        g.fill(new Ellipse2D.Double(164, 99, 18, 18));
        g.fill(new Ellipse2D.Double(164, 139, 18, 18));
        g.dispose();
        return img;
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** A Windows icon holding one PNG per size (PNG entries are valid since Windows Vista). */
    static byte[] ico(List<Integer> sizes) throws IOException {
        List<byte[]> images = new ArrayList<>();
        for (int s : sizes) {
            images.add(png(draw(s)));
        }
        int header = 6 + 16 * sizes.size();
        int total = header + images.stream().mapToInt(b -> b.length).sum();
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) sizes.size());
        int offset = header;
        for (int i = 0; i < sizes.size(); i++) {
            int s = sizes.get(i);
            b.put((byte) (s >= 256 ? 0 : s)).put((byte) (s >= 256 ? 0 : s)).put((byte) 0).put((byte) 0);
            b.putShort((short) 1).putShort((short) 32).putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        images.forEach(b::put);
        return b.array();
    }

    /** A macOS icon: PNG entries of the types macOS reads for 16 to 1024 px (ic04 to ic10). */
    static byte[] icns() throws IOException {
        String[] types = {"icp4", "icp5", "icp6", "ic07", "ic08", "ic09", "ic10"};
        int[] sizes = {16, 32, 64, 128, 256, 512, 1024};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        for (int i = 0; i < types.length; i++) {
            byte[] p = png(draw(sizes[i]));
            d.writeBytes(types[i]);
            d.writeInt(8 + p.length);
            d.write(p);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(out);
        o.writeBytes("icns");
        o.writeInt(8 + body.size());
        o.write(body.toByteArray());
        return out.toByteArray();
    }
}
