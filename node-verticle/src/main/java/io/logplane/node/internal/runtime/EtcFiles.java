package io.logplane.node.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/** The pod's {@code /etc/hosts}, as the kubelet writes it. */
final class EtcFiles {

  private EtcFiles() {}

  static String hosts(String ip, String hostname, JsonNode pod) {
    StringBuilder s = new StringBuilder("# Kubernetes-managed hosts file.\n")
        .append("127.0.0.1\tlocalhost\n")
        .append("::1\tlocalhost ip6-localhost ip6-loopback\n")
        .append("fe00::0\tip6-localnet\n")
        .append("fe00::0\tip6-mcastprefix\n")
        .append("fe00::1\tip6-allnodes\n")
        .append("fe00::2\tip6-allrouters\n");
    String subdomain = pod.path("spec").path("subdomain").asText("");
    String namespace = pod.path("metadata").path("namespace").asText("default");
    s.append(ip).append('\t');
    if (!subdomain.isEmpty()) {
      s.append(hostname).append('.').append(subdomain).append('.').append(namespace)
          .append(".svc.cluster.local\t");
    }
    s.append(hostname).append('\n');
    JsonNode aliases = pod.path("spec").path("hostAliases");
    if (!aliases.isEmpty()) {
      s.append("\n# Entries added by HostAliases.\n");
    }
    for (JsonNode alias : aliases) {
      s.append(alias.path("ip").asText());
      alias.path("hostnames").forEach(h -> s.append('\t').append(h.asText()));
      s.append('\n');
    }
    return s.toString();
  }
}
