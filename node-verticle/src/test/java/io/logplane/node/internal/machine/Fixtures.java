package io.logplane.node.internal.machine;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The fixture trees of machines under {@code src/test/resources/machine}. */
final class Fixtures {
  private Fixtures() {}

  static HostFiles host(String name) {
    try {
      return new HostFiles(Path.of(Fixtures.class.getResource("/machine/" + name).toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
