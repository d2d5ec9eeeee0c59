package io.logplane.tests.ui;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** A decoded PNG and the few measures the tests take of it. */
record Screenshot(BufferedImage image) {

  static Screenshot read(Path png) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    if (image == null) {
      throw new IllegalStateException(png + " is not an image ImageIO can read");
    }
    return new Screenshot(image);
  }

  int width() {
    return image.getWidth();
  }

  int height() {
    return image.getHeight();
  }

  int distinctColors() {
    Set<Integer> colors = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colors.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    return colors.size();
  }

  /** Pixels within tolerance of rgb on every channel. */
  int pixelsNear(int rgb, int tolerance) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= tolerance
            && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= tolerance
            && Math.abs((p & 0xff) - (rgb & 0xff)) <= tolerance) {
          count++;
        }
      }
    }
    return count;
  }
}
