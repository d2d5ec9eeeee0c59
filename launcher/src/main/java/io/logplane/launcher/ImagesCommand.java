package io.logplane.launcher;

import io.logplane.node.NodeImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code logplane images}: the image store of the node {@code logplane up} runs on a data
 * directory, also while it runs.
 */
@Command(name = "images", mixinStandardHelpOptions = true,
    description = "Import, list and remove the images of the node on a data directory.",
    subcommands = {ImagesCommand.Import.class, ImagesCommand.ListImages.class, ImagesCommand.Remove.class})
public final class ImagesCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** The data directory option, as {@code logplane up} defaults it. */
  static class DataDir {
    @Option(names = "--data-dir", description = "Data directory (default: ${DEFAULT-VALUE}).",
        defaultValue = "${sys:user.home}/.logplane")
    Path dataDir;

    NodeImages images() {
      return new NodeImages(dataDir.toAbsolutePath());
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Load a docker-archive (docker save) or OCI-layout tarball into the store.")
  static final class Import extends DataDir implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The tarball (gzipped or not).")
    Path file;

    @Override
    public Integer call() {
      try {
        for (NodeImages.Entry e : images().importArchive(file)) {
          System.out.println("imported " + e.id() + (e.refs().isEmpty() ? "" : " " + String.join(" ", e.refs())));
        }
        return 0;
      } catch (IOException e) {
        System.err.println("logplane: cannot import " + file + ": " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List the images in the store.")
  static final class ListImages extends DataDir implements Callable<Integer> {
    @Override
    public Integer call() throws IOException {
      System.out.printf("%-45s %-19s %s%n", "IMAGE", "ID", "SIZE");
      for (NodeImages.Entry e : images().list()) {
        List<String> names = e.refs().isEmpty() ? List.of("<none>") : e.refs();
        for (String name : names) {
          System.out.printf("%-45s %-19s %s%n", name, e.id().substring(0, 19), size(e.size()));
        }
      }
      return 0;
    }

    private static String size(long bytes) {
      return bytes < 1 << 20 ? (bytes >> 10) + "kB" : String.format("%.1fMB", bytes / 1e6);
    }
  }

  @Command(name = "rm", mixinStandardHelpOptions = true,
      description = "Remove a reference, or an image by its id; unreferenced layers go with it.")
  static final class Remove extends DataDir implements Callable<Integer> {
    @Parameters(paramLabel = "REF", description = "busybox, host:5000/app:v1, or sha256:...")
    String ref;

    @Override
    public Integer call() throws IOException {
      List<String> removed = images().remove(ref);
      if (removed == null) {
        System.err.println("logplane: no such image: " + ref);
        return 1;
      }
      if (!ref.startsWith("sha256:")) {
        System.out.println("untagged " + ref);
      }
      for (String id : removed) {
        System.out.println("deleted " + id);
      }
      return 0;
    }
  }
}
