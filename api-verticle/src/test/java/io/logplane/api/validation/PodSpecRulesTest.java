package io.logplane.api.validation;

import static io.logplane.api.validation.Check.container;
import static io.logplane.api.validation.Check.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pod-level rules of a PodSpec: network, DNS, scheduling, security context, volume files, os. */
class PodSpecRulesTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("four nameservers", spec("\"dnsConfig\":{\"nameservers\":[\"1.1.1.1\",\"1.1.1.2\",\"1.1.1.3\","
            + "\"1.1.1.4\"]}"), List.of("spec.dnsConfig.nameservers: Invalid value: []string{\"1.1.1.1\", \"1.1.1.2\","
            + " \"1.1.1.3\", \"1.1.1.4\"}: must not have more than 3 nameservers")),
        Arguments.of("a nameserver that is no IP", spec("\"dnsConfig\":{\"nameservers\":[\"resolver\",\"::1\"]}"),
            List.of("spec.dnsConfig.nameservers[0]: Invalid value: \"resolver\": must be valid IP address")),
        Arguments.of("dnsPolicy None without nameservers", spec("\"dnsPolicy\":\"None\",\"dnsConfig\":{}"),
            List.of("spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when"
                + " `dnsPolicy` is None")),
        Arguments.of("a host alias IP that is no IP", spec("\"hostAliases\":[{\"ip\":\"not-an-ip\",\"hostnames\":"
            + "[\"a\"]}]"), List.of("spec.hostAliases.ip: Invalid value: \"not-an-ip\": must be valid IP address")),
        Arguments.of("hostNetwork with another hostPort", pod("{\"hostNetwork\":true,\"containers\":["
            + container("\"ports\":[{\"containerPort\":80,\"hostPort\":81}]") + "]}"),
            List.of("spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when"
                + " `hostNetwork` is true")),
        Arguments.of("hostNetwork without hostPort", pod("{\"hostNetwork\":true,\"containers\":["
            + container("\"ports\":[{\"containerPort\":80}]") + "]}"), List.of()),
        Arguments.of("a negative runAsUser", spec("\"securityContext\":{\"runAsUser\":-1}"),
            List.of("spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive")),
        Arguments.of("os plan9", spec("\"os\":{\"name\":\"plan9\"}"),
            List.of("spec.os: Unsupported value: \"plan9\": supported values: \"linux\", \"windows\"")),
        Arguments.of("maxSkew 0", spec("\"topologySpreadConstraints\":[{\"maxSkew\":0,\"topologyKey\":\"zone\","
            + "\"whenUnsatisfiable\":\"DoNotSchedule\"}]"),
            List.of("spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero")),
        Arguments.of("whenUnsatisfiable Bogus", spec("\"topologySpreadConstraints\":[{\"maxSkew\":1,\"topologyKey\":"
            + "\"zone\",\"whenUnsatisfiable\":\"Bogus\"}]"), List.of("spec.topologySpreadConstraints[0]"
            + ".whenUnsatisfiable: Unsupported value: \"Bogus\": supported values: \"DoNotSchedule\","
            + " \"ScheduleAnyway\"")),
        Arguments.of("a node selector operator Bogus", spec("\"affinity\":{\"nodeAffinity\":{\"" + REQUIRED + "\":"
            + "{\"nodeSelectorTerms\":[{\"matchExpressions\":[{\"key\":\"zone\",\"operator\":\"Bogus\",\"values\":"
            + "[\"a\"]}]}]}}}"), List.of("spec.affinity.nodeAffinity." + REQUIRED + ".nodeSelectorTerms[0]"
            + ".matchExpressions[0].operator: Invalid value: \"Bogus\": not a valid selector operator")),
        Arguments.of("no node selector term", spec("\"affinity\":{\"nodeAffinity\":{\"" + REQUIRED + "\":"
            + "{\"nodeSelectorTerms\":[]}}}"), List.of("spec.affinity.nodeAffinity." + REQUIRED + ".nodeSelectorTerms:"
            + " Required value: must have at least one node selector term")),
        Arguments.of("a pod affinity term without topologyKey", spec("\"affinity\":{\"podAntiAffinity\":{\""
            + REQUIRED + "\":[{\"labelSelector\":{\"matchLabels\":{\"a\":\"b\"}}}]}}"),
            List.of("spec.affinity.podAntiAffinity." + REQUIRED + "[0].topologyKey: Required value: can not be empty",
                "spec.affinity.podAntiAffinity." + REQUIRED + "[0].topologyKey: Invalid value: \"\": name part must be"
                + " non-empty", "spec.affinity.podAntiAffinity." + REQUIRED + "[0].topologyKey: Invalid value: \"\":"
                + " name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
                + " alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is"
                + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
        Arguments.of("a configMap defaultMode 4096", spec("\"volumes\":[{\"name\":\"v\",\"configMap\":{\"name\":\"cm\","
            + "\"defaultMode\":4096}}]"), List.of("spec.volumes[0].configMap.defaultMode: Invalid value: 4096: must be"
            + " a number between 0 and 0777 (octal), both inclusive")),
        Arguments.of("a secret item path ../a", spec("\"volumes\":[{\"name\":\"v\",\"secret\":{\"secretName\":\"s\","
            + "\"items\":[{\"key\":\"a\",\"path\":\"../a\"}]}}]"),
            List.of("spec.volumes[0].secret.items[0].path: Invalid value: \"../a\": must not contain '..'")),
        Arguments.of("a secret item path ..data", spec("\"volumes\":[{\"name\":\"v\",\"secret\":{\"secretName\":\"s\","
            + "\"items\":[{\"key\":\"a\",\"path\":\"..data\"}]}}]"),
            List.of("spec.volumes[0].secret.items[0].path: Invalid value: \"..data\": must not start with '..'")),
        Arguments.of("a projected path twice", spec("\"volumes\":[{\"name\":\"v\",\"projected\":{\"sources\":["
            + "{\"secret\":{\"name\":\"s\",\"items\":[{\"key\":\"a\",\"path\":\"p\"}]}},{\"configMap\":{\"name\":\"c\","
            + "\"items\":[{\"key\":\"a\",\"path\":\"p\"}]}}]}}]"),
            List.of("spec.volumes[0].projected: Invalid value: \"c\": conflicting duplicate paths")),
        Arguments.of("a negative memory limit is a negative request too", pod("{\"containers\":["
            + container("\"resources\":{\"limits\":{\"memory\":\"-1Gi\"}}") + "]}"),
            List.of("spec.containers[0].resources.limits[memory]: Invalid value: \"-1Gi\": must be greater than or"
                + " equal to 0", "spec.containers[0].resources.requests[memory]: Invalid value: \"-1Gi\": must be"
                + " greater than or equal to 0")));
  }

  private static final String REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution";

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void create(String name, String json, List<String> expected) {
    assertEquals(expected, Check.create("", "pods", json));
  }

  @Test
  void aTemplateUnderHostNetworkMayLeaveHostPortUnset() {
    String template = "{\"metadata\":{\"labels\":{\"a\":\"b\"}},\"spec\":{\"hostNetwork\":true,\"containers\":["
        + container("\"ports\":[{\"containerPort\":80}]") + "]}}";
    assertEquals(List.of(), Check.create("apps", "deployments", "{\"metadata\":{\"name\":\"d\"},\"spec\":{\"selector\":"
        + "{\"matchLabels\":{\"a\":\"b\"}},\"template\":" + template + "}}"));
  }

  @Test
  void aChangeOfResourcesIsForbiddenAsAnyOtherField() {
    List<String> out = Check.update("", "pods", pod("{\"containers\":[" + container("") + "]}"),
        pod("{\"containers\":[" + container("\"resources\":{\"requests\":{\"cpu\":\"100m\"}}") + "]}"));
    assertEquals(1, out.size(), out.toString());
    assertEquals(true, out.get(0).startsWith("spec: Forbidden: pod updates may not change fields"), out.get(0));
  }

  private static String spec(String fields) {
    return pod("{" + fields + ",\"containers\":[" + container("") + "]}");
  }
}
