package io.logplane.api.validation.networking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.workloads.Admit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ingress creates against kube 1.28's causes. */
class IngressValidatorTest {

  static final ObjectNode BASE = Admit.yaml("""
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: web}
      spec:
        rules:
        - host: www.example.com
          http:
            paths:
            - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      """);

  static final String P = "spec.rules[0].http.paths[0]";

  static ObjectNode withPath(String pathYaml) {
    return Admit.merge(BASE, "spec: {rules: [{host: www.example.com, http: {paths: [" + pathYaml + "]}}]}");
  }

  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of("valid named port", "{path: /a, pathType: Exact, backend: {service: {name: web, port: {name: http}}}}",
            List.of()),
        Arguments.of("no pathType", "{path: /, backend: {service: {name: web, port: {number: 80}}}}", List.of(
            P + ".pathType: Required value: pathType must be specified")),
        Arguments.of("bad pathType", "{path: /, pathType: Regex, backend: {service: {name: web, port: {number: 80}}}}",
            List.of(P + ".pathType: Unsupported value: \"Regex\": supported values: \"Exact\","
                + " \"ImplementationSpecific\", \"Prefix\"")),
        Arguments.of("relative Prefix path", "{path: api, pathType: Prefix, backend: {service: {name: web, port:"
            + " {number: 80}}}}", List.of(P + ".path: Invalid value: \"api\": must be an absolute path")),
        Arguments.of("dot segment", "{path: /a/../b, pathType: Exact, backend: {service: {name: web, port:"
            + " {number: 80}}}}", List.of(P + ".path: Invalid value: \"/a/../b\": must not contain '/../'")),
        Arguments.of("ImplementationSpecific may be empty", "{pathType: ImplementationSpecific, backend: {service:"
            + " {name: web, port: {number: 80}}}}", List.of()),
        Arguments.of("no port", "{path: /, pathType: Prefix, backend: {service: {name: web}}}", List.of(
            P + ".backend: Required value: port name or number is required")),
        Arguments.of("name and number", "{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http,"
            + " number: 80}}}}", List.of(P + ".backend: Invalid value: \"\": cannot set both port name & port number")),
        Arguments.of("port out of range", "{path: /, pathType: Prefix, backend: {service: {name: web, port:"
            + " {number: 70000}}}}", List.of(P + ".backend.service.port.number: Invalid value: 70000: must be between 1"
            + " and 65535, inclusive")),
        Arguments.of("no backend", "{path: /, pathType: Prefix, backend: {}}", List.of(
            P + ".backend: Invalid value: \"\": resource or service backend is required")),
        Arguments.of("resource without kind", "{path: /, pathType: Prefix, backend: {resource: {name: bucket}}}",
            List.of(P + ".backend.resource.kind: Required value: kind is required")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void path(String name, String path, List<String> expected) {
    assertEquals(expected, Admit.create("networking.k8s.io", "ingresses", withPath(path)));
  }

  static Stream<Arguments> specs() {
    return Stream.of(
        Arguments.of("valid", "", List.of()),
        Arguments.of("wildcard host", "spec: {rules: [{host: '*.example.com'}]}", List.of()),
        Arguments.of("IP host", "spec: {rules: [{host: 10.0.0.1}]}", List.of(
            "spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address")),
        Arguments.of("bad wildcard", "spec: {rules: [{host: 'www.*.com'}]}", List.of(
            "spec.rules[0].host: Invalid value: \"www.*.com\": a wildcard DNS-1123 subdomain must start with '*.',"
                + " followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or"
                + " '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is"
                + " '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
        Arguments.of("no rules nor default backend", "spec: {rules: null}", List.of(
            "spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified")),
        Arguments.of("class annotation disagrees", "metadata: {annotations: {kubernetes.io/ingress.class: nginx}}\n"
            + "spec: {ingressClassName: traefik}", List.of("annotations.kubernetes.io/ingress.class: Invalid value:"
            + " \"nginx\": must match `ingressClassName` when both are specified")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void spec(String name, String patch, List<String> expected) {
    assertEquals(expected, Admit.create("networking.k8s.io", "ingresses", Admit.merge(BASE, patch)));
  }
}
