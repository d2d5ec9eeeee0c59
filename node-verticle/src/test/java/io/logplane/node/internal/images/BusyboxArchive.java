package io.logplane.node.internal.images;

import io.logplane.node.internal.runtime.RealNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code docker save} tarball of a busybox image made from the machine's static busybox (an
 * applet link each, {@code /www/index.html}), for the tests of other modules that import it
 * into a node's store.
 */
public final class BusyboxArchive {

  private BusyboxArchive() {}

  /** Writes the image, tagged {@code tag}, to {@code archive}; {@code work} holds its tree. */
  public static Path write(Path archive, Path work, String tag) throws IOException {
    byte[] layer = TestImages.layer(RealNode.busyboxRoot(Files.createDirectories(work).resolve("busybox")));
    byte[] config = TestImages.config(List.of(layer), "sh");
    TestImages.dockerArchive(archive, List.of(layer), config, tag);
    return archive;
  }
}
