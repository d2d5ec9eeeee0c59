package io.logplane.tests.arch;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DESIGN.md's module arrows as data: which module a package belongs to, and which modules each
 * may use. events ← projections ← verticles ← launcher, one way; verticles never use each
 * other; the node agent speaks HTTP only (the Kubernetes client, never the projections); the
 * broker is the launcher's alone. A module of a package not listed here is an error, so a new
 * module states its arrows here when it is added.
 */
final class Modules {

  /** Module name to the root package of its code. */
  static final Map<String, String> ROOTS = Map.ofEntries(
      Map.entry("broker", "io.logplane.broker"),
      Map.entry("selectors", "io.logplane.selectors"),
      Map.entry("http2", "io.logplane.http2"),
      Map.entry("events", "io.logplane.events"),
      Map.entry("kube-client", "io.logplane.kubeclient"),
      Map.entry("bench", "io.logplane.bench"),
      Map.entry("projections", "io.logplane.projections"),
      Map.entry("api-verticle", "io.logplane.api"),
      Map.entry("controller-verticles", "io.logplane.controllers"),
      Map.entry("scheduler-verticle", "io.logplane.scheduler"),
      Map.entry("dns-verticle", "io.logplane.dns"),
      Map.entry("node-verticle", "io.logplane.node"),
      Map.entry("launcher", "io.logplane.launcher"),
      Map.entry("tests", "io.logplane.tests"));

  private static final Set<String> VERTICLE_USES = Set.of("projections", "events", "selectors", "http2");

  /** Module name to the other modules its main code may use. */
  static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
      Map.entry("broker", Set.of()),
      Map.entry("selectors", Set.of()),
      Map.entry("http2", Set.of()),
      Map.entry("events", Set.of()),
      Map.entry("kube-client", Set.of()),
      Map.entry("bench", Set.of("kube-client")),
      Map.entry("projections", Set.of("events", "selectors")),
      Map.entry("api-verticle", VERTICLE_USES),
      Map.entry("controller-verticles", VERTICLE_USES),
      Map.entry("scheduler-verticle", VERTICLE_USES),
      Map.entry("dns-verticle", VERTICLE_USES),
      Map.entry("node-verticle", Set.of("kube-client", "selectors", "http2")),
      Map.entry("launcher", Set.of("broker", "selectors", "http2", "events", "kube-client", "bench", "projections",
          "api-verticle", "controller-verticles", "scheduler-verticle", "dns-verticle", "node-verticle")),
      Map.entry("tests", Set.copyOf(ROOTS.keySet())));

  /** Packages of the Kafka broker (Scala) that only the broker module may use. */
  static final List<String> BROKER_PACKAGES = List.of("kafka.", "scala.", "org.apache.kafka.server.",
      "org.apache.kafka.raft.", "org.apache.kafka.metadata.", "org.apache.kafka.storage.");

  private Modules() {}

  /** The module of a Logplane class, empty for a class of a library or the JDK. */
  static Optional<String> of(String className) {
    if (!className.startsWith("io.logplane.")) {
      return Optional.empty();
    }
    String best = null;
    for (var e : ROOTS.entrySet()) {
      String root = e.getValue();
      if ((className.startsWith(root + ".")) && (best == null || root.length() > ROOTS.get(best).length())) {
        best = e.getKey();
      }
    }
    return Optional.of(best == null ? "(unlisted)" : best);
  }
}
