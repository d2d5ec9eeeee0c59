package io.logplane.launcher.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The launcher's choice for a server, kept for the {@code ./logplane} script: the java binary and
 * the options it started the server's JVM with, in a file beside the jar. The next {@code
 * ./logplane up} of the same build starts that JVM itself, without a launcher JVM before it (half
 * a second of a start of three or four), as long as what the choice depends on is unchanged: the
 * script's key says so (the PATH's java, the JDKs installed, the variables the launcher reads),
 * and the file is newer than the jar and than the last training of the ahead-of-time cache.
 * The script gives the key in {@value #KEY}; without it nothing is kept.
 *
 * <p>The file is the key, the variables the JVM's environment gets besides the script's
 * ({@code NAME=value}, separated by spaces), then one argument a line: what comes before the
 * command's own properties and {@code -jar}.
 */
public final class DirectStart {

  /** The file's name, beside the jar. */
  public static final String FILE = "logplane.direct";
  /** The variable in which the script gives its key. */
  static final String KEY = "LOGPLANE_DIRECT_KEY";

  private DirectStart() {}

  /** Keeps {@code javaAndOptions} for the script's key, when the script gave one; a failure only costs the next start its speed. */
  static void keep(Path jar, Map<String, String> env, Map<String, String> extraEnv, List<String> javaAndOptions) {
    String key = env.get(KEY);
    if (jar == null || key == null || key.isEmpty()) {
      return;
    }
    Path file = jar.resolveSibling(FILE);
    Path tmp = jar.resolveSibling(FILE + ".tmp");
    try {
      Files.write(tmp, lines(key, extraEnv, javaAndOptions));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("logplane: cannot keep the server's command line in " + file + ": " + e.getMessage());
    }
  }

  /** The file's lines: the key, the variables, then each argument; none may hold a line break. */
  static List<String> lines(String key, Map<String, String> extraEnv, List<String> javaAndOptions) {
    List<String> out = new ArrayList<>();
    out.add(key);
    StringBuilder variables = new StringBuilder();
    new TreeMap<>(extraEnv).forEach((name, value) -> {
      if (value.matches(".*\\s.*")) {
        throw new IllegalArgumentException("a space in " + name + "=" + value);
      }
      variables.append(variables.length() == 0 ? "" : " ").append(name).append('=').append(value);
    });
    out.add(variables.toString());
    out.addAll(javaAndOptions);
    for (String line : out) {
      if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a line break in " + line);
      }
    }
    return out;
  }
}
