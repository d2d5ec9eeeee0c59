package io.logplane.node.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's environment and command line as the kubelet makes them. The environment: the
 * variables of {@code envFrom} (resolved by the caller), then {@code env} in order, a literal
 * {@code value} expanded against the variables before it, a {@code valueFrom} taken from what the
 * caller resolved (an entry the caller left out, an optional reference to what is missing, stays
 * unset). The command line: {@code command} and {@code args}, each falling back on the
 * image's entrypoint and cmd as Docker's rules have it, expanded against that environment.
 */
public final class ContainerEnv {

  private ContainerEnv() {}

  /**
   * @param fromSources the variables of {@code envFrom} and the services', in their order
   * @param valueFrom   the values of the {@code env} entries that have a {@code valueFrom}; one
   *                    left out stays unset
   */
  public static Map<String, String> of(JsonNode container, Map<String, String> fromSources,
      Map<String, String> valueFrom) {
    Map<String, String> env = new LinkedHashMap<>(fromSources);
    for (JsonNode var : container.path("env")) {
      String name = var.path("name").asText();
      if (var.path("value").asText("").isEmpty() && var.has("valueFrom")) {
        String value = valueFrom.get(name);
        if (value != null) {
          env.put(name, value);
        }
      } else {
        env.put(name, Expansion.expand(var.path("value").asText(""), Expansion.mapping(env)));
      }
    }
    return env;
  }

  /** The process's arguments: the spec's command and args over the image's defaults. */
  public static List<String> args(JsonNode container, ImageConfig image, Map<String, String> env) {
    List<String> command = strings(container.path("command"));
    List<String> args = strings(container.path("args"));
    List<String> out = new ArrayList<>();
    var mapping = Expansion.mapping(env);
    if (command.isEmpty()) {
      out.addAll(image.entrypoint());
      out.addAll(args.isEmpty() ? image.cmd() : expand(args, mapping));
    } else {
      out.addAll(expand(command, mapping));
      out.addAll(expand(args, mapping));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no command: neither the container nor its image names one");
    }
    return out;
  }

  /** The process's {@code NAME=value} list: the image's, then HOSTNAME, then the spec's. */
  public static List<String> processEnv(ImageConfig image, String hostname, Map<String, String> env) {
    return processEnv(image, hostname, env, false);
  }

  /**
   * The process's {@code NAME=value} list: with a terminal {@code TERM=xterm} first (containerd's
   * {@code WithTTY}, which the image's and the spec's may override), then the image's, HOSTNAME
   * and the spec's.
   */
  public static List<String> processEnv(ImageConfig image, String hostname, Map<String, String> env,
      boolean tty) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (tty) {
      merged.put("TERM", "xterm");
    }
    for (String entry : image.env()) {
      int eq = entry.indexOf('=');
      merged.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
    }
    merged.putIfAbsent("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    merged.put("HOSTNAME", hostname);
    merged.putAll(env);
    List<String> out = new ArrayList<>();
    merged.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  private static List<String> expand(List<String> list, java.util.function.UnaryOperator<String> mapping) {
    return list.stream().map(s -> Expansion.expand(s, mapping)).toList();
  }

  /** The texts of a JSON array of strings. */
  public static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
