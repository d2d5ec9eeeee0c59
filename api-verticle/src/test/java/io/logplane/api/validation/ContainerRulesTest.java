package io.logplane.api.validation;

import static io.logplane.api.validation.Check.container;
import static io.logplane.api.validation.Check.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A container's probes, environment and security context, and what an init container may not have. */
class ContainerRulesTest {

  private static final String C = "spec.containers[0].";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a valid probe", one("\"livenessProbe\":{\"httpGet\":{\"port\":\"web\"},\"periodSeconds\":5}"),
            List.of()),
        Arguments.of("a probe without handler", one("\"livenessProbe\":{\"periodSeconds\":5}"),
            List.of(C + "livenessProbe: Required value: must specify a handler type")),
        Arguments.of("a probe with two handlers", one("\"livenessProbe\":{\"tcpSocket\":{\"port\":80},"
            + "\"exec\":{\"command\":[\"true\"]}}"),
            List.of(C + "livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type")),
        Arguments.of("a negative period", one("\"readinessProbe\":{\"tcpSocket\":{\"port\":80},\"periodSeconds\":-1}"),
            List.of(C + "readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of("a probe port 70000", one("\"readinessProbe\":{\"httpGet\":{\"port\":70000}}"),
            List.of(C + "readinessProbe.httpGet.port: Invalid value: 70000: must be between 1 and 65535, inclusive")),
        Arguments.of("a liveness successThreshold 2", one("\"livenessProbe\":{\"tcpSocket\":{\"port\":80},"
            + "\"successThreshold\":2}"), List.of(C + "livenessProbe.successThreshold: Invalid value: 2: must be 1")),
        Arguments.of("a readiness successThreshold 2", one("\"readinessProbe\":{\"tcpSocket\":{\"port\":80},"
            + "\"successThreshold\":2}"), List.of()),
        Arguments.of("an exec hook without command", one("\"lifecycle\":{\"preStop\":{\"exec\":{}}}"),
            List.of(C + "lifecycle.preStop.exec.command: Required value")),
        Arguments.of("an init container with a readiness probe", pod("{\"containers\":[" + container("")
            + "],\"initContainers\":[{\"name\":\"init\",\"image\":\"i\",\"readinessProbe\":{\"tcpSocket\":"
            + "{\"port\":80}}}]}"), List.of("spec.initContainers[0].readinessProbe: Forbidden: may not be set for init"
            + " containers without restartPolicy=Always")),
        Arguments.of("a value and a valueFrom", one("\"env\":[{\"name\":\"A\",\"value\":\"x\",\"valueFrom\":"
            + "{\"fieldRef\":{\"fieldPath\":\"metadata.name\"}}}]"),
            List.of(C + "env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty")),
        Arguments.of("a bogus field path", one("\"env\":[{\"name\":\"A\",\"valueFrom\":{\"fieldRef\":"
            + "{\"fieldPath\":\"spec.bogus\"}}}]"), List.of(C + "env[0].valueFrom.fieldRef.fieldPath: Invalid value:"
            + " \"spec.bogus\": error converting fieldPath: field label not supported: spec.bogus")),
        Arguments.of("a field an env var cannot read", one("\"env\":[{\"name\":\"A\",\"valueFrom\":{\"fieldRef\":"
            + "{\"fieldPath\":\"status.phase\"}}}]"), List.of(C + "env[0].valueFrom.fieldRef.fieldPath: Unsupported"
            + " value: \"status.phase\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\","
            + " \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\","
            + " \"status.podIPs\"")),
        Arguments.of("a label by subscript", one("\"env\":[{\"name\":\"A\",\"valueFrom\":{\"fieldRef\":"
            + "{\"fieldPath\":\"metadata.labels['app']\"}}}]"), List.of()),
        Arguments.of("a cpu divisor 1Ki", one("\"env\":[{\"name\":\"A\",\"valueFrom\":{\"resourceFieldRef\":"
            + "{\"resource\":\"limits.cpu\",\"divisor\":\"1Ki\"}}}]"), List.of(C + "env[0].valueFrom.resourceFieldRef"
            + ".divisor: Invalid value: \"limits.cpu\": only divisor's values 1m and 1 are supported with the cpu"
            + " resource")),
        Arguments.of("a key selector without key", one("\"env\":[{\"name\":\"A\",\"valueFrom\":{\"secretKeyRef\":"
            + "{\"name\":\"s\"}}}]"), List.of(C + "env[0].valueFrom.secretKeyRef.key: Required value")),
        Arguments.of("an envFrom prefix A=", one("\"envFrom\":[{\"prefix\":\"A=\",\"configMapRef\":{\"name\":\"cm\"}}]"),
            List.of(C + "envFrom[0].prefix: Invalid value: \"A=\": a valid environment variable name must consist of"
                + " alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',"
                + "  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')")),
        Arguments.of("an envFrom without source", one("\"envFrom\":[{\"prefix\":\"A_\"}]"),
            List.of(C + "envFrom: Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`")),
        Arguments.of("a negative runAsUser", one("\"securityContext\":{\"runAsUser\":-1}"),
            List.of(C + "securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive")),
        Arguments.of("a seccomp profile of no type", one("\"securityContext\":{\"seccompProfile\":{}}"),
            List.of(C + "securityContext.seccompProfile.type: Required value: type is required when seccompProfile is"
                + " set")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void create(String name, String json, List<String> expected) {
    assertEquals(expected, Check.create("", "pods", json));
  }

  private static String one(String extra) {
    return pod("{\"containers\":[" + container(extra) + "]}");
  }
}
