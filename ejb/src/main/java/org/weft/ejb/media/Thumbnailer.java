package org.weft.ejb.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Thumbnails by the spec's two methods ("Thumbnails"), made with Thumbnailator over ImageIO
 * (TwelveMonkeys adds JPEG variants the JDK cannot read, such as CMYK):
 * <ul>
 * <li>{@code scale} keeps the aspect ratio and fits the image within the box;</li>
 * <li>{@code crop} fills the box and cuts the overflow evenly from both sides, so the result has
 * the box's aspect ratio;</li>
 * </ul>
 * and neither ever scales up: a smaller original gives a smaller thumbnail. Image sizes are read
 * from the header before anything is decoded, so a decompression bomb is refused unopened.
 */
public final class Thumbnailer {

    /** A thumbnail's size and method. */
    public record Spec(int width, int height, String method) {
    }

    /** The sizes the spec recommends producing for every image. */
    public static final List<Spec> PRE_GENERATED = List.of(new Spec(32, 32, "crop"), new Spec(96, 96, "crop"),
            new Spec(320, 240, "scale"), new Spec(640, 480, "scale"), new Spec(800, 600, "scale"));

    /** Image types thumbnailed; anything else is served as the file it is. */
    public static final List<String> THUMBNAILABLE = List.of("image/jpeg", "image/png", "image/gif", "image/bmp",
            "image/webp");

    private Thumbnailer() {
    }

    /** Width and height from the image header, or empty when ImageIO cannot read the format. */
    public static Optional<int[]> dimensions(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return Optional.empty();
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return Optional.of(new int[] {reader.getWidth(0), reader.getHeight(0)});
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // malformed: not an image we can use
        }
    }

    /** The thumbnail's size for an original of {@code w} x {@code h}. */
    public static int[] outputSize(int w, int h, Spec spec) {
        if ("crop".equals(spec.method())) {
            double factor = Math.min(1.0, Math.max((double) spec.width() / w, (double) spec.height() / h));
            return new int[] {Math.min(spec.width(), Math.max(1, (int) Math.round(w * factor))),
                    Math.min(spec.height(), Math.max(1, (int) Math.round(h * factor)))};
        }
        double factor = Math.min(1.0, Math.min((double) spec.width() / w, (double) spec.height() / h));
        return new int[] {Math.max(1, (int) Math.round(w * factor)), Math.max(1, (int) Math.round(h * factor))};
    }

    /** PNG for originals that may be transparent, JPEG for the rest. */
    public static String outputType(String originalType) {
        return "image/jpeg".equals(originalType) ? "image/jpeg" : "image/png";
    }

    /**
     * Writes the thumbnail of {@code original} ({@code w} x {@code h}) to {@code target}.
     *
     * @throws IOException when the image cannot be decoded
     */
    public static void write(Path original, int w, int h, Spec spec, String outputType, Path target) throws IOException {
        int[] size = outputSize(w, h, spec);
        var builder = Thumbnails.of(original.toFile()).outputFormat("image/png".equals(outputType) ? "png" : "jpg");
        if ("crop".equals(spec.method())) {
            // The part of the original with the result's aspect ratio, centred, then scaled down to it.
            double factor = Math.min(1.0, Math.max((double) spec.width() / w, (double) spec.height() / h));
            int regionW = Math.min(w, (int) Math.round(size[0] / factor));
            int regionH = Math.min(h, (int) Math.round(size[1] / factor));
            builder.sourceRegion((w - regionW) / 2, (h - regionH) / 2, regionW, regionH);
        }
        builder.forceSize(size[0], size[1]);
        if ("image/jpeg".equals(outputType)) {
            builder.outputQuality(0.85);
        }
        try (var out = java.nio.file.Files.newOutputStream(target)) {
            builder.toOutputStream(out);
        }
    }
}
