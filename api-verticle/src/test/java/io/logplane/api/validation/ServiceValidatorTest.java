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
            + " character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void create(String name, String json, List<String> expected) {
    assertEquals(expected, Check.create("", "services", json));
  }
}
