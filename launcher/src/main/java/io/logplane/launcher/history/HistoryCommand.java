package io.logplane.launcher.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.KubeConfig;
import io.logplane.kubeclient.KubeConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code logplane history KIND/NAME}: every version of an object with the diff of its YAML,
 * and the refused attempts on it. Exit code 0 when the object existed, 1 when it never did (or
 * the server failed), 2 for bad input.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Print every version of an object with a diff from the version before, and the refused"
        + " attempts on it, from the history.logplane.io API.")
public final class HistoryCommand implements Callable<Integer> {

  private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "KIND/NAME",
      description = "The object, e.g. deployment/web, cm/settings, deployments.apps/web.")
  String target;
  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
      description = "Namespace of the object (default: ${DEFAULT-VALUE}).")
  String namespace;
  @Option(names = "--since", paramLabel = "TIME",
      description = "Only versions from TIME on: RFC 3339 (2024-05-01T10:00:00Z) or an age (90s, 15m, 2h, 3d).")
  String since;
  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).")
  Path kubeconfig;
  @Option(names = "--context", paramLabel = "NAME", description = "Context to use (default: current-context).")
  String context;
  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "auto (when the output is a terminal), always or never (default: ${DEFAULT-VALUE}).")
  String color;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      int slash = target.indexOf('/');
      if (slash <= 0 || slash == target.length() - 1) {
        throw new HistoryException("expected KIND/NAME, got \"" + target + "\"", 2);
      }
      if (!List.of("auto", "always", "never").contains(color)) {
        throw new HistoryException("--color: expected auto, always or never, got \"" + color + "\"", 2);
      }
      long sinceMillis = since(since, System.currentTimeMillis());
      KindResolver.Resource r;
      String name = target.substring(slash + 1);
      List<JsonNode> items;
      try (HistoryApi api = new HistoryApi(config(), Duration.ofSeconds(30))) {
        r = resolve(api.discover(), target.substring(0, slash));
        items = api.versions(r, namespace, name);
      }
      String what = r.qualified() + "/" + name + (r.namespaced() ? " in namespace " + namespace : "");
      out.print(new VersionReport(colored(), sinceMillis).render(items));
      out.flush();
      if (items.stream().allMatch(v -> v.path("type").asText().equals("REJECTED"))) {
        throw new HistoryException(what + " never existed"
            + (items.isEmpty() ? "" : " (" + items.size() + " refused attempt(s))"), 1);
      }
      return 0;
    } catch (HistoryException e) {
      err.println("history: " + e.getMessage());
      err.flush();
      return e.exitCode();
    }
  }

  private static KindResolver.Resource resolve(KindResolver resolver, String kind) throws HistoryException {
    try {
      return resolver.resolve(kind);
    } catch (IllegalArgumentException e) {
      throw new HistoryException(e.getMessage(), 2);
    }
  }

  private KubeConfig config() throws HistoryException {
    Path file = kubeconfig;
    if (file == null) {
      String env = System.getenv("KUBECONFIG");
      file = env != null && !env.isBlank() ? Path.of(env.split(java.io.File.pathSeparator)[0])
          : Path.of(System.getProperty("user.home"), ".kube", "config");
    }
    try {
      return KubeConfig.load(file, context);
    } catch (KubeConfigException e) {
      throw new HistoryException(e.getMessage(), 2);
    }
  }

  private boolean colored() {
    return color.equals("always") || (color.equals("auto") && System.console() != null);
  }

  /**
   * The {@code --since} option as epoch millis: an RFC 3339 time, or an age before now.
   *
   * @throws HistoryException (exit code 2) for anything else
   */
  static long since(String value, long nowMillis) throws HistoryException {
    if (value == null || value.isEmpty()) {
      return Long.MIN_VALUE;
    }
    Matcher m = DURATION.matcher(value);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      return nowMillis - d.toMillis();
    }
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new HistoryException("--since: expected an RFC 3339 time or an age like 15m, got \"" + value + "\"", 2);
    }
  }
}
