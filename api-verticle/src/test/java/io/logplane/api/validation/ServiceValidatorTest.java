package io.logplane.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceValidatorTest {

  static String svc(String spec) {
    return "{\"metadata\":{\"name\":\"s\"},\"spec\":" + spec + "}";
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("valid", svc("{\"selector\":{\"app\":\"a\"},\"ports\":[{\"port\":80}]}"), List.of()),
        Arguments.of("type Bogus", svc("{\"type\":\"Bogus\",\"ports\":[{\"port\":80}]}"),
            List.of("spec.type: Unsupported value: \"Bogus\": supported values: \"ClusterIP\", \"ExternalName\","
                + " \"LoadBalancer\", \"NodePort\"")),
        Arguments.of("two unnamed ports", svc("{\"ports\":[{\"port\":80},{\"port\":81}]}"),
            List.of("spec.ports[0].name: Required value", "spec.ports[1].name: Required value")),
        Arguments.of("two ports of one name", svc("{\"ports\":[{\"port\":80,\"name\":\"a\"},{\"port\":81,\"name\":"
            + "\"a\"}]}"), List.of("spec.ports[1].name: Duplicate value: \"a\"")),
        Arguments.of("port 0", svc("{\"ports\":[{\"port\":0,\"targetPort\":80}]}"),
            List.of("spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive")),
        Arguments.of("protocol HTTP", svc("{\"ports\":[{\"port\":80,\"protocol\":\"HTTP\"}]}"),
            List.of("spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\","
                + " \"UDP\"")),
        Arguments.of("targetPort name too long", svc("{\"ports\":[{\"port\":80,\"targetPort\":\"averyveryverylongname\"}]}"),
            List.of("spec.ports[0].targetPort: Invalid value: \"averyveryverylongname\": must be no more than 15"
                + " characters")),
        Arguments.of("no ports", svc("{}"), List.of("spec.ports: Required value")),
        Arguments.of("a name that is no DNS-1035 label", "{\"metadata\":{\"name\":\"1s\"},\"spec\":{\"ports\":"
            + "[{\"port\":80}]}}", List.of("metadata.name: Invalid value: \"1s\": a DNS-1035 label must consist of lower"
            + " case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric"
            + " character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")),
        Arguments.of("clusterIP abc", svc(PORT + ",\"clusterIP\":\"abc\"}"),
            List.of("spec.clusterIPs[0]: Invalid value: \"abc\": must be a valid IP address, (e.g. 10.9.8.7 or"
                + " 2001:db8::ffff)")),
        Arguments.of("clusterIP outside the service range", svc(PORT + ",\"clusterIP\":\"192.168.7.7\"}"),
            List.of("spec.clusterIPs: Invalid value: []string{\"192.168.7.7\"}: failed to allocate IP 192.168.7.7: the"
                + " provided IP (192.168.7.7) is not in the valid range. The range of valid IPs is 10.96.0.0/12")),
        Arguments.of("the range's network address", svc(PORT + ",\"clusterIP\":\"10.96.0.0\"}"),
            List.of("spec.clusterIPs: Invalid value: []string{\"10.96.0.0\"}: failed to allocate IP 10.96.0.0: the"
                + " provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12")),
        Arguments.of("clusterIP in range", svc(PORT + ",\"clusterIP\":\"10.111.255.254\"}"), List.of()),
        Arguments.of("clusterIPs[0] not clusterIP", svc(PORT + ",\"clusterIP\":\"10.96.0.1\",\"clusterIPs\":"
            + "[\"10.96.0.2\"]}"), List.of("spec.clusterIPs: Invalid value: []string{\"10.96.0.2\"}: first value must"
            + " match `clusterIP`")),
        Arguments.of("nodePort outside the range", svc("{\"type\":\"NodePort\",\"ports\":[{\"port\":80,"
            + "\"nodePort\":80}]}"), List.of("spec.ports[0].nodePort: Invalid value: 80: provided port is not in the"
            + " valid range. The range of valid ports is 30000-32767")),
        Arguments.of("nodePort on a ClusterIP service", svc("{\"ports\":[{\"port\":80,\"nodePort\":30080}]}"),
            List.of("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'")),
        Arguments.of("headless NodePort", svc("{\"type\":\"NodePort\",\"clusterIP\":\"None\",\"ports\":"
            + "[{\"port\":80}]}"), List.of("spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for"
            + " NodePort services")),
        Arguments.of("ExternalName with a clusterIP", svc("{\"type\":\"ExternalName\",\"externalName\":\"a.b\","
            + "\"clusterIP\":\"10.96.0.9\"}"), List.of("spec.clusterIPs: Forbidden: may not be set for ExternalName"
            + " services")),
        Arguments.of("ExternalName", svc("{\"type\":\"ExternalName\",\"externalName\":\"example.com.\"}"),
            List.of()),
        Arguments.of("LoadBalancer source range abc", svc("{\"type\":\"LoadBalancer\",\"ports\":[{\"port\":80}],"
            + "\"loadBalancerSourceRanges\":[\"abc\"]}"), List.of("spec.LoadBalancerSourceRanges: Invalid value:"
            + " \"[abc]\": must be a list of IP ranges. For example, 10.240.0.0/24,10.250.0.0/24 ")),
        Arguments.of("allocateLoadBalancerNodePorts on a ClusterIP", svc(PORT + ",\"allocateLoadBalancerNodePorts\":"
            + "true}"), List.of("spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is"
            + " 'LoadBalancer'")),
        Arguments.of("healthCheckNodePort on a ClusterIP", svc(PORT + ",\"healthCheckNodePort\":30090}"),
            List.of("spec.healthCheckNodePort: Invalid value: 30090: may only be set when `type` is 'LoadBalancer'"
                + " and `externalTrafficPolicy` is 'Local'")),
        Arguments.of("externalIPs", svc(PORT + ",\"externalIPs\":[\"x\",\"127.0.0.1\"]}"),
            List.of("spec.externalIPs[0]: Invalid value: \"x\": must be a valid IP address, (e.g. 10.9.8.7 or"
                + " 2001:db8::ffff)", "spec.externalIPs[1]: Invalid value: \"127.0.0.1\": may not be in the loopback"
                + " range (127.0.0.0/8, ::1/128)")),
        Arguments.of("ClientIP timeout 0", svc(PORT + ",\"sessionAffinity\":\"ClientIP\",\"sessionAffinityConfig\":"
            + "{\"clientIP\":{\"timeoutSeconds\":0}}}"), List.of("spec.sessionAffinityConfig.clientIP.timeoutSeconds:"
            + " Invalid value: 0: must be greater than 0 and less than 86400")),
        Arguments.of("externalTrafficPolicy on a ClusterIP", svc(PORT + ",\"externalTrafficPolicy\":\"Local\"}"),
            List.of("spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set when `type` is 'NodePort'"
                + " or 'LoadBalancer'")),
        Arguments.of("externalTrafficPolicy Bogus", svc("{\"type\":\"NodePort\",\"ports\":[{\"port\":80}],"
            + "\"externalTrafficPolicy\":\"Bogus\"}"), List.of("spec.externalTrafficPolicy: Unsupported value:"
            + " \"Bogus\": supported values: \"Cluster\", \"Local\"")),
        Arguments.of("ipFamilies IPv5", svc(PORT + ",\"ipFamilies\":[\"IPv5\"]}"),
            List.of("spec.ipFamilies[0]: Unsupported value: \"IPv5\": supported values: \"IPv4\", \"IPv6\"")),
        Arguments.of("RequireDualStack", svc(PORT + ",\"ipFamilyPolicy\":\"RequireDualStack\"}"),
            List.of("spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\": this cluster is not configured for"
                + " dual-stack services")));
  }

  static final String PORT = "{\"ports\":[{\"port\":80}]";
  static final String STORED = "{\"metadata\":{\"name\":\"s\"},\"spec\":{\"type\":\"ClusterIP\",\"clusterIP\":"
      + "\"10.96.0.220\",\"clusterIPs\":[\"10.96.0.220\"],\"ports\":[{\"port\":80}]}}";

  static Stream<Arguments> updates() {
    return Stream.of(
        Arguments.of("clusterIP changed", svc(PORT + ",\"clusterIP\":\"10.96.0.221\",\"clusterIPs\":"
            + "[\"10.96.0.220\"]}"), List.of("spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.221\"}: may not"
            + " change once set")),
        Arguments.of("clusterIP left out", svc(PORT + "}"), List.of()),
        Arguments.of("to ExternalName", svc(PORT + ",\"type\":\"ExternalName\",\"externalName\":\"a.b\","
            + "\"clusterIP\":\"\",\"ipFamilies\":[\"IPv4\"],\"ipFamilyPolicy\":\"SingleStack\"}"), List.of()),
        Arguments.of("to NodePort", svc(PORT + ",\"type\":\"NodePort\"}"), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void update(String name, String json, List<String> expected) {
    assertEquals(expected, Check.update("", "services", STORED, json));
  }

  @org.junit.jupiter.api.Test
  void theServiceRangeIsASetting() {
    try {
      io.logplane.api.validation.core.CoreKinds.useServiceRanges(
          io.logplane.api.validation.core.ServiceRanges.of("192.168.0.0/16"));
      assertEquals(List.of(), Check.create("", "services", svc(PORT + ",\"clusterIP\":\"192.168.7.7\"}")));
      assertEquals(1, Check.create("", "services", svc(PORT + ",\"clusterIP\":\"10.96.0.7\"}")).size());
    } finally {
      io.logplane.api.validation.core.CoreKinds.useServiceRanges(io.logplane.api.validation.core.ServiceRanges.DEFAULT);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void create(String name, String json, List<String> expected) {
    assertEquals(expected, Check.create("", "services", json));
  }
}
