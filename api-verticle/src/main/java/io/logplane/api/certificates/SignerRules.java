package io.logplane.api.certificates;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each kubernetes.io signer requires of a request, with kube's messages (its
 * {@code ValidateKubeletClientCSR}, {@code ValidateKubeletServingCSR} and the signer controller's
 * client usage check). Each returns the first reason to refuse, or empty.
 */
final class SignerRules {

  private static final String NODES = "system:nodes";
  private static final String NODE_PREFIX = "system:node:";
  private static final Set<String> CLIENT = Set.of(Usages.DIGITAL_SIGNATURE, Usages.KEY_ENCIPHERMENT,
      Usages.CLIENT_AUTH);
  private static final Set<String> CLIENT_NO_RSA = Set.of(Usages.DIGITAL_SIGNATURE, Usages.CLIENT_AUTH);
  private static final Set<String> SERVING = Set.of(Usages.DIGITAL_SIGNATURE, Usages.KEY_ENCIPHERMENT,
      Usages.SERVER_AUTH);
  private static final Set<String> SERVING_NO_RSA = Set.of(Usages.DIGITAL_SIGNATURE, Usages.SERVER_AUTH);

  private SignerRules() {}

  /** The rule of a signer this package signs for; null for any other signer. */
  static Rule of(String signerName) {
    return switch (signerName) {
      case SignerNames.KUBE_APISERVER_CLIENT -> SignerRules::apiServerClient;
      case SignerNames.KUBE_APISERVER_CLIENT_KUBELET -> SignerRules::kubeletClient;
      case SignerNames.KUBELET_SERVING -> SignerRules::kubeletServing;
      default -> null;
    };
  }

  /** A signer's check of a parsed request and its {@code spec.usages}. */
  interface Rule {
    Optional<String> check(ParsedCsr csr, List<String> usages);
  }

  static Optional<String> kubeletClient(ParsedCsr csr, List<String> usages) {
    if (!csr.organizations().equals(List.of(NODES))) {
      return Optional.of("subject organization is not system:nodes");
    }
    if (!csr.dnsNames().isEmpty()) {
      return Optional.of("DNS subjectAltNames are not allowed");
    }
    if (!csr.emails().isEmpty()) {
      return Optional.of("Email subjectAltNames are not allowed");
    }
    if (!csr.ips().isEmpty()) {
      return Optional.of("IP subjectAltNames are not allowed");
    }
    if (!csr.uris().isEmpty()) {
      return Optional.of("URI subjectAltNames are not allowed");
    }
    if (!csr.commonName().startsWith(NODE_PREFIX)) {
      return Optional.of("subject common name does not begin with system:node:");
    }
    Set<String> set = Set.copyOf(usages);
    if (!set.equals(CLIENT) && !set.equals(CLIENT_NO_RSA)) {
      return Optional.of("usages did not match " + goList(CLIENT));
    }
    return Optional.empty();
  }

  static Optional<String> kubeletServing(ParsedCsr csr, List<String> usages) {
    if (!csr.organizations().equals(List.of(NODES))) {
      return Optional.of("subject organization is not system:nodes");
    }
    if (csr.dnsNames().isEmpty() && csr.ips().isEmpty()) {
      return Optional.of("DNS or IP subjectAltName is required");
    }
    if (!csr.emails().isEmpty()) {
      return Optional.of("Email subjectAltNames are not allowed");
    }
    if (!csr.uris().isEmpty()) {
      return Optional.of("URI subjectAltNames are not allowed");
    }
    Set<String> set = Set.copyOf(usages);
    if (!set.equals(SERVING) && !set.equals(SERVING_NO_RSA)) {
      return Optional.of("usages did not match " + goList(SERVING));
    }
    if (!csr.commonName().startsWith(NODE_PREFIX)) {
      return Optional.of("subject common name does not begin with system:node:");
    }
    return Optional.empty();
  }

  /** Client auth required; digital signature and key encipherment allowed; nothing else. */
  static Optional<String> apiServerClient(ParsedCsr csr, List<String> usages) {
    boolean clientAuth = false;
    for (String u : usages) {
      if (u.equals(Usages.CLIENT_AUTH)) {
        clientAuth = true;
      } else if (!u.equals(Usages.DIGITAL_SIGNATURE) && !u.equals(Usages.KEY_ENCIPHERMENT)) {
        return Optional.of("invalid usage for client certificate: " + u);
      }
    }
    return clientAuth ? Optional.empty()
        : Optional.of("missing required usage for client certificate: " + Usages.CLIENT_AUTH);
  }

  /** A sorted set as Go's {@code %v} prints a {@code []string}: {@code [a b c]}. */
  private static String goList(Set<String> values) {
    return "[" + String.join(" ", new TreeSet<>(values)) + "]";
  }
}
