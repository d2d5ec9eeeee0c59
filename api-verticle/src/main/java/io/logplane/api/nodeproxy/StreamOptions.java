package io.logplane.api.nodeproxy;

import io.logplane.api.http.Query;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The options of a pod's streaming subresource, {@code exec}, {@code attach} or
 * {@code portforward}, read from the query as kube-apiserver converts it to
 * {@code PodExecOptions}, {@code PodAttachOptions} or {@code PodPortForwardOptions} (a flag is
 * false only when it is absent, {@code 0} or {@code false}), and the request it makes of the
 * node's server, as {@code streamLocation} and {@code streamParams} write it:
 * {@code /exec/{namespace}/{pod}/{container}?command=..&stdin=1..},
 * {@code /attach/..}, {@code /portForward/{namespace}/{pod}?port=80,443}.
 *
 * @param subresource {@code exec}, {@code attach} or {@code portforward}
 * @param container   the container named, null when none is
 */
public record StreamOptions(String subresource, String container, List<String> command, boolean stdin,
    boolean stdout, boolean stderr, boolean tty, List<String> ports) {

  /** The subresources of a pod whose requests are upgraded and proxied to its node. */
  public static final List<String> SUBRESOURCES = List.of("exec", "attach", "portforward");

  /** The options of a request for {@code subresource}, one of {@link #SUBRESOURCES}. */
  public static StreamOptions parse(String subresource, Query q) {
    if (!SUBRESOURCES.contains(subresource)) {
      throw new IllegalArgumentException("not a streaming subresource: " + subresource);
    }
    String container = q.get("container");
    return new StreamOptions(subresource, container == null || container.isEmpty() ? null : container,
        subresource.equals("exec") ? List.copyOf(q.getAll("command")) : List.of(), q.option("stdin"),
        q.option("stdout"), q.option("stderr"), q.option("tty"), List.copyOf(q.getAll("ports")));
  }

  /** Whether the subresource acts in a container (port-forward acts in the pod's network). */
  public boolean inContainer() {
    return !subresource.equals("portforward");
  }

  /** The path and query of the request to the node's server, for {@code container} (ignored by port-forward). */
  public String nodeUri(String namespace, String pod, String container) {
    Map<String, List<String>> params = new TreeMap<>(); // Go's url.Values.Encode sorts by key
    String path;
    if (inContainer()) {
      path = "/" + subresource + "/" + namespace + "/" + pod + "/" + container;
      if (stdin) {
        params.put("input", List.of("1"));
      }
      if (stdout) {
        params.put("output", List.of("1"));
      }
      if (stderr) {
        params.put("error", List.of("1"));
      }
      if (tty) {
        params.put("tty", List.of("1"));
      }
      if (!command.isEmpty()) {
        params.put("command", command);
      }
    } else {
      path = "/portForward/" + namespace + "/" + pod;
      if (!ports.isEmpty()) {
        params.put("port", List.of(String.join(",", ports)));
      }
    }
    List<String> pairs = new ArrayList<>();
    params.forEach((k, values) -> values.forEach(v -> pairs.add(k + "=" + escape(v))));
    return pairs.isEmpty() ? path : path + "?" + String.join("&", pairs);
  }

  /** Go's {@code url.QueryEscape}: a space is {@code +}, and only letters, digits and {@code -_.~} stay. */
  static String escape(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
  }
}
