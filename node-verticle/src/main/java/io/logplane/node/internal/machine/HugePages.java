package io.logplane.node.internal.machine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The huge pages of the machine as cadvisor finds them: one entry per size the kernel offers
 * ({@code /sys/kernel/mm/hugepages/hugepages-2048kB}), holding {@code nr_hugepages} pages; the
 * kubelet reports each as {@code hugepages-2Mi}, {@code hugepages-1Gi}, zero when none is set up.
 */
final class HugePages {
  static final String DIR = "/sys/kernel/mm/hugepages";

  private HugePages() {}

  /** Size name ({@code 2Mi}) to bytes, sorted by name as the API sorts resource names. */
  static Map<String, Long> read(HostFiles host) {
    Map<String, Long> out = new TreeMap<>();
    Path dir = host.path(DIR);
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> sizes = Files.list(dir)) {
      for (Path p : (Iterable<Path>) sizes::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith("hugepages-") && name.endsWith("kB")) {
          long pageBytes = Long.parseLong(name.substring(10, name.length() - 2)) * 1024;
          long pages = Long.parseLong(host.read(DIR + "/" + name + "/nr_hugepages").trim());
          out.put(Bytes.quantity(pageBytes), pageBytes * pages);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + DIR, e);
    }
    return out;
  }
}
