package io.logplane.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LimitRangeValidatorTest {

  static String range(String limit) {
    return "{\"metadata\":{\"name\":\"r\"},\"spec\":{\"limits\":[" + limit + "]}}";
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("valid", range("{\"type\":\"Container\",\"default\":{\"cpu\":\"500m\"},\"defaultRequest\":"
            + "{\"cpu\":\"100m\"},\"max\":{\"cpu\":\"2\"},\"min\":{\"cpu\":\"50m\"}}"), List.of()),
        Arguments.of("claim storage", range("{\"type\":\"PersistentVolumeClaim\",\"max\":{\"storage\":\"10Gi\"}}"),
            List.of()),
        Arguments.of("type Node", range("{\"type\":\"Node\",\"max\":{\"cpu\":\"1\"}}"),
            List.of("spec.limits[0].type: Invalid value: \"Node\": must be a standard limit type or fully qualified")),
        // The defaults (default from max, default request from default) take part, as in kube-apiserver.
        Arguments.of("min above max", range("{\"type\":\"Container\",\"min\":{\"cpu\":\"2\"},\"max\":{\"cpu\":\"1\"}}"),
            List.of("spec.limits[0].min[cpu]: Invalid value: \"2\": min value 2 is greater than max value 1",
                "spec.limits[0].defaultRequest[cpu]: Invalid value: \"1\": min value 2 is greater than default request"
                    + " value 1",
                "spec.limits[0].default[cpu]: Invalid value: \"2\": min value 2 is greater than default value 1")),
        Arguments.of("default request above default", range("{\"type\":\"Container\",\"default\":{\"cpu\":\"100m\"},"
            + "\"defaultRequest\":{\"cpu\":\"500m\"}}"), List.of("spec.limits[0].defaultRequest[cpu]: Invalid value:"
            + " \"500m\": default request value 500m is greater than default limit value 100m")),
        Arguments.of("Pod with a default", range("{\"type\":\"Pod\",\"default\":{\"cpu\":\"1\"}}"),
            List.of("spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'")),
        Arguments.of("claim without storage", range("{\"type\":\"PersistentVolumeClaim\",\"max\":{\"cpu\":\"1\"}}"),
            List.of("spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but"
                + " neither was provided")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void create(String name, String json, List<String> expected) {
    assertEquals(expected, Check.create("", "limitranges", json));
  }
}
