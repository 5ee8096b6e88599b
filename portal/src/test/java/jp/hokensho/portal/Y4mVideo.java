package jp.hokensho.portal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A still picture as a 4:2:0 Y4M video, the format Chromium's fake camera plays from a file: the picture centred
 * on white, converted from RGB with the BT.601 full-range (JPEG) matrix, chroma averaged over 2×2 pixels.
 */
final class Y4mVideo {
    private Y4mVideo() {
    }

    static void write(BufferedImage picture, int width, int height, int frames, Path file) throws IOException {
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("4:2:0 needs even dimensions, not " + width + "x" + height);
        }
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.drawImage(picture, (width - picture.getWidth()) / 2, (height - picture.getHeight()) / 2, null);
        g.dispose();

        byte[] y = new byte[width * height];
        byte[] u = new byte[width * height / 4];
        byte[] v = new byte[width * height / 4];
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int rgb = frame.getRGB(col, row);
                y[row * width + col] = clamp(0.299 * red(rgb) + 0.587 * green(rgb) + 0.114 * blue(rgb));
            }
        }
        for (int row = 0; row < height; row += 2) {
            for (int col = 0; col < width; col += 2) {
                double r = 0;
                double gr = 0;
                double b = 0;
                for (int[] d : new int[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}) {
                    int rgb = frame.getRGB(col + d[1], row + d[0]);
                    r += red(rgb) / 4.0;
                    gr += green(rgb) / 4.0;
                    b += blue(rgb) / 4.0;
                }
                int index = row / 2 * (width / 2) + col / 2;
                u[index] = clamp(-0.168736 * r - 0.331264 * gr + 0.5 * b + 128);
                v[index] = clamp(0.5 * r - 0.418688 * gr - 0.081312 * b + 128);
            }
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F10:1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < frames; i++) {
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(y);
                out.write(u);
                out.write(v);
            }
        }
    }

    private static int red(int rgb) {
        return rgb >> 16 & 0xFF;
    }

    private static int green(int rgb) {
        return rgb >> 8 & 0xFF;
    }

    private static int blue(int rgb) {
        return rgb & 0xFF;
    }

    private static byte clamp(double value) {
        return (byte) Math.max(0, Math.min(255, Math.round(value)));
    }
}
