package org.weft.ejb.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailerTest {

    @Test
    void scaleFitsWithinTheBoxKeepingTheAspect() {
        assertArrayEquals(new int[] {320, 180}, Thumbnailer.outputSize(1920, 1080, new Thumbnailer.Spec(320, 240, "scale")));
        assertArrayEquals(new int[] {135, 240}, Thumbnailer.outputSize(1080, 1920, new Thumbnailer.Spec(320, 240, "scale")));
    }

    @Test
    void cropFillsTheBoxInItsAspect() {
        assertArrayEquals(new int[] {96, 96}, Thumbnailer.outputSize(1920, 1080, new Thumbnailer.Spec(96, 96, "crop")));
        assertArrayEquals(new int[] {320, 240}, Thumbnailer.outputSize(1000, 3000, new Thumbnailer.Spec(320, 240, "crop")));
    }

    @Test
    void neverUpscales() {
        assertArrayEquals(new int[] {20, 10}, Thumbnailer.outputSize(20, 10, new Thumbnailer.Spec(640, 480, "scale")));
        assertArrayEquals(new int[] {20, 10}, Thumbnailer.outputSize(20, 10, new Thumbnailer.Spec(96, 96, "crop")));
        // Taller than the box, narrower than it: cut to the box's height, not enlarged in width.
        assertArrayEquals(new int[] {50, 96}, Thumbnailer.outputSize(50, 400, new Thumbnailer.Spec(96, 96, "crop")));
    }

    @Test
    void writesRealImagesOfTheComputedSize(@TempDir Path dir) throws Exception {
        Path original = dir.resolve("in.png");
        ImageIO.write(new BufferedImage(800, 400, BufferedImage.TYPE_INT_RGB), "png", original.toFile());
        assertArrayEquals(new int[] {800, 400}, Thumbnailer.dimensions(original).orElseThrow());

        Path crop = dir.resolve("crop.jpg");
        Thumbnailer.write(original, 800, 400, new Thumbnailer.Spec(96, 96, "crop"), "image/jpeg", crop);
        BufferedImage cropped = ImageIO.read(crop.toFile());
        assertEquals(96, cropped.getWidth());
        assertEquals(96, cropped.getHeight());

        Path scale = dir.resolve("scale.png");
        Thumbnailer.write(original, 800, 400, new Thumbnailer.Spec(320, 240, "scale"), "image/png", scale);
        BufferedImage scaled = ImageIO.read(scale.toFile());
        assertEquals(320, scaled.getWidth());
        assertEquals(160, scaled.getHeight());
    }

    @Test
    void webpOriginalsAreReadAndThumbnailedToPng(@TempDir Path dir) throws Exception {
        Path original = dir.resolve("in.webp");
        try (var in = ThumbnailerTest.class.getResourceAsStream("/media/gradient-200x150.webp")) {
            Files.copy(in, original);
        }
        assertArrayEquals(new int[] {200, 150}, Thumbnailer.dimensions(original).orElseThrow());
        assertEquals("image/png", Thumbnailer.outputType("image/webp"));
        Path crop = dir.resolve("crop.png");
        Thumbnailer.write(original, 200, 150, new Thumbnailer.Spec(96, 96, "crop"), "image/png", crop);
        BufferedImage cropped = ImageIO.read(crop.toFile());
        assertEquals(96, cropped.getWidth());
        assertEquals(96, cropped.getHeight());
    }

    @Test
    void garbageIsNoImage(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.png");
        Files.write(junk, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        assertTrue(Thumbnailer.dimensions(junk).isEmpty());
    }
}
