package io.logplane.api.validation.networking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.workloads.Admit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** NetworkPolicy and IngressClass creates against kube 1.28's causes. */
class NetworkPolicyValidatorTest {

  static final ObjectNode BASE = Admit.yaml("""
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: np}
      spec:
        podSelector: {matchLabels: {app: db}}
        policyTypes: [Ingress]
      """);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("valid", "spec: {ingress: [{from: [{podSelector: {}}], ports: [{port: 5432, endPort: 5433}]}]}",
            List.of()),
        Arguments.of("bad policyType", "spec: {policyTypes: [Sideways]}", List.of(
            "spec.policyTypes[0]: Unsupported value: \"Sideways\": supported values: \"Ingress\", \"Egress\"")),
        Arguments.of("bad protocol", "spec: {ingress: [{ports: [{protocol: ICMP, port: 1}]}]}", List.of(
            "spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", \"UDP\","
                + " \"SCTP\"")),
        Arguments.of("port out of range", "spec: {egress: [{ports: [{port: 70000}]}]}", List.of(
            "spec.egress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive")),
        Arguments.of("endPort below port", "spec: {ingress: [{ports: [{port: 80, endPort: 79}]}]}", List.of(
            "spec.ingress[0].ports[0].endPort: Invalid value: 80: must be greater than or equal to `port`")),
        Arguments.of("endPort with a named port", "spec: {ingress: [{ports: [{port: http, endPort: 90}]}]}", List.of(
            "spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric")),
        Arguments.of("empty peer", "spec: {ingress: [{from: [{}]}]}", List.of(
            "spec.ingress[0].from[0]: Required value: must specify a peer")),
        Arguments.of("ipBlock and selector", "spec: {ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}]}",
            List.of("spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer")),
        Arguments.of("bad cidr", "spec: {egress: [{to: [{ipBlock: {cidr: 10.0.0.0/33}}]}]}", List.of(
            "spec.egress[0].to[0].ipBlock.cidr: Invalid value: \"10.0.0.0/33\": not a valid CIDR")),
        Arguments.of("except outside cidr", "spec: {egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except:"
            + " [192.168.0.0/16]}}]}]}", List.of("spec.egress[0].to[0].ipBlock.except[0]: Invalid value:"
            + " \"192.168.0.0/16\": must be a strict subset of `cidr`")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void create(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.create("networking.k8s.io", "networkpolicies", Admit.merge(BASE, patch)));
  }

  static final ObjectNode CLASS = Admit.yaml("""
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata: {name: nginx}
      spec: {controller: k8s.io/ingress-nginx}
      """);

  static Stream<Arguments> classes() {
    return Stream.of(
        Arguments.of("valid", "", List.of()),
        Arguments.of("no domain", "spec: {controller: nginx}", List.of(
            "spec.controller: Invalid value: \"nginx\": must be a domain-prefixed path (such as \"acme.io/foo\")")),
        Arguments.of("namespace scope without namespace", "spec: {parameters: {kind: Config, name: c, scope:"
            + " Namespace}}", List.of("spec.parameters.namespace: Required value: `parameters.scope` is set to"
            + " 'Namespace'")),
        Arguments.of("bad scope", "spec: {parameters: {kind: Config, name: c, scope: Galaxy}}", List.of(
            "spec.parameters.scope: Unsupported value: \"Galaxy\": supported values: \"Cluster\", \"Namespace\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("classes")
  void ingressClass(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.create("networking.k8s.io", "ingressclasses", Admit.merge(CLASS, patch)));
  }

  @org.junit.jupiter.api.Test
  void ingressClassControllerIsImmutable() {
    assertEquals(List.of("spec.controller: Invalid value: \"example.com/other\": field is immutable"),
        Admit.update("networking.k8s.io", "ingressclasses", CLASS, Admit.merge(CLASS, "spec: {controller: example.com/other}")));
  }
}
