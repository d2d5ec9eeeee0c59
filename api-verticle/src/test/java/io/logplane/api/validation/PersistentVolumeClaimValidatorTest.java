package io.logplane.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PersistentVolumeClaimValidatorTest {

  static final String MODES = "\"accessModes\":[\"ReadWriteOnce\"]";
  static final String GI = "\"resources\":{\"requests\":{\"storage\":\"1Gi\"}}";

  static String claim(String spec) {
    return "{\"metadata\":{\"name\":\"c\"},\"spec\":{" + spec + "}}";
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("valid", claim(MODES + "," + GI), List.of()),
        Arguments.of("no access modes", claim(GI),
            List.of("spec.accessModes: Required value: at least 1 access mode is required")),
        Arguments.of("access mode Sometimes", claim("\"accessModes\":[\"Sometimes\"]," + GI),
            List.of("spec.accessModes: Unsupported value: \"Sometimes\": supported values: \"ReadOnlyMany\","
                + " \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"")),
        Arguments.of("ReadWriteOncePod with others", claim("\"accessModes\":[\"ReadWriteOncePod\",\"ReadWriteOnce\"],"
            + GI), List.of("spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes")),
        Arguments.of("no storage request", claim(MODES), List.of("spec.resources[storage]: Required value")),
        Arguments.of("storage 0", claim(MODES + ",\"resources\":{\"requests\":{\"storage\":\"0\"}}"),
            List.of("spec.resources[storage]: Invalid value: \"0\": must be greater than zero")),
        Arguments.of("volumeMode Disk", claim(MODES + "," + GI + ",\"volumeMode\":\"Disk\""),
            List.of("spec.volumeMode: Unsupported value: \"Disk\": supported values: \"Block\", \"Filesystem\"")),
        Arguments.of("class Bad_Class", claim(MODES + "," + GI + ",\"storageClassName\":\"Bad_Class\""),
            List.of("spec.storageClassName: Invalid value: \"Bad_Class\": a lowercase RFC 1123 subdomain must consist"
                + " of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric"
                + " character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?"
                + "(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void create(String name, String json, List<String> expected) {
    assertEquals(expected, Check.create("", "persistentvolumeclaims", json));
  }

  static Stream<Arguments> updates() {
    return Stream.of(
        Arguments.of("labels only", "{\"metadata\":{\"name\":\"c\",\"labels\":{\"k\":\"v\"}},\"spec\":{" + MODES + ","
            + GI + "}}", List.of()),
        Arguments.of("a class where there was none", claim(MODES + "," + GI + ",\"storageClassName\":\"other\""),
            List.of()),
        Arguments.of("the same size written otherwise", claim(MODES + ",\"resources\":{\"requests\":{\"storage\":"
            + "\"1024Mi\"}}"), List.of()),
        Arguments.of("access modes changed", claim("\"accessModes\":[\"ReadWriteMany\"]," + GI),
            List.of("spec: Forbidden: spec is immutable after creation except resources.requests for bound claims")),
        Arguments.of("request shrunk", claim(MODES + ",\"resources\":{\"requests\":{\"storage\":\"500Mi\"}}"),
            List.of("spec: Forbidden: spec is immutable after creation except resources.requests for bound claims",
                "spec.resources.requests.storage: Forbidden: field can not be less than previous value")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void update(String name, String json, List<String> expected) {
    assertEquals(expected, Check.update("", "persistentvolumeclaims", claim(MODES + "," + GI), json));
  }
}
