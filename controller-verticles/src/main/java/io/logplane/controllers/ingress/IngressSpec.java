package io.logplane.controllers.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What one Ingress object says, read once: its path rules, default backend and TLS entries. */
record IngressSpec(String key, List<Rule> rules, Backend defaultBackend, List<Tls> tls) {

  /** One path of one rule: host empty for a rule of every host. */
  record Rule(String host, String pathType, String path, Backend backend) {}

  /** One TLS entry: the Secret (storage key) serving these hosts. */
  record Tls(List<String> hosts, String secret) {}

  static final String PREFIX = "networking.k8s.io/ingresses/";

  static IngressSpec of(ObjectNode ingress) {
    String ns = Metadata.text(ingress, "namespace");
    String key = PREFIX + ns + "/" + Metadata.text(ingress, "name");
    JsonNode spec = ingress.path("spec");
    List<Rule> rules = new ArrayList<>();
    Set<String> ruleHosts = new LinkedHashSet<>();
    for (JsonNode r : spec.path("rules")) {
      String host = r.path("host").asText("").toLowerCase(Locale.ROOT);
      ruleHosts.add(host);
      for (JsonNode p : r.path("http").path("paths")) {
        Backend b = Backend.of(key, ns, p.path("backend"));
        if (b != null) {
          rules.add(new Rule(host, p.path("pathType").asText("ImplementationSpecific"), p.path("path").asText("/"), b));
        }
      }
    }
    Backend def = spec.has("defaultBackend") ? Backend.of(key, ns, spec.get("defaultBackend")) : null;
    List<Tls> tls = new ArrayList<>();
    for (JsonNode t : spec.path("tls")) {
      if (!t.hasNonNull("secretName")) {
        continue;
      }
      List<String> hosts = new ArrayList<>();
      t.path("hosts").forEach(h -> hosts.add(h.asText().toLowerCase(Locale.ROOT)));
      if (hosts.isEmpty()) {
        // No hosts: the entry serves the hosts of the Ingress's rules, as ingress-nginx does.
        ruleHosts.stream().filter(h -> !h.isEmpty()).forEach(hosts::add);
      }
      tls.add(new Tls(hosts, "core/secrets/" + ns + "/" + t.get("secretName").asText()));
    }
    return new IngressSpec(key, rules, def, tls);
  }

  /** Every backend named: the rules' and the default one. */
  List<Backend> backends() {
    List<Backend> all = new ArrayList<>();
    rules.forEach(r -> all.add(r.backend()));
    if (defaultBackend != null) {
      all.add(defaultBackend);
    }
    return all;
  }
}
