package io.logplane.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ConfigMaps and Secrets: keys, sizes, the per-type rules of Secrets, immutability. */
class ConfigDataValidatorTest {

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes());
  }

  static String secret(String type, String data) {
    return "{\"metadata\":{\"name\":\"s\"},\"type\":\"" + type + "\",\"data\":" + data + "}";
  }

  static Stream<Arguments> secrets() {
    return Stream.of(
        Arguments.of("opaque", secret("Opaque", "{\"a\":\"" + b64("x") + "\"}"), List.of()),
        Arguments.of("not base64", secret("Opaque", "{\"a\":\"not base64!\"}"),
            List.of("400: Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 3")),
        Arguments.of("unpadded", secret("Opaque", "{\"a\":\"YWJ\"}"),
            List.of("400: Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 0")),
        Arguments.of("tls without key", secret("kubernetes.io/tls", "{\"tls.crt\":\"" + b64("c") + "\"}"),
            List.of("data[tls.key]: Required value")),
        Arguments.of("dockerconfigjson not JSON", secret("kubernetes.io/dockerconfigjson",
            "{\".dockerconfigjson\":\"" + b64("nope") + "\"}"), List.of("data[.dockerconfigjson]: Invalid value:"
            + " \"<secret contents redacted>\": invalid character 'n' looking for beginning of value")),
        Arguments.of("dockerconfigjson missing", secret("kubernetes.io/dockerconfigjson", "{}"),
            List.of("data[.dockerconfigjson]: Required value")),
        Arguments.of("basic-auth empty", secret("kubernetes.io/basic-auth", "{}"),
            List.of("data[username]: Required value", "data[password]: Required value")),
        Arguments.of("ssh-auth empty", secret("kubernetes.io/ssh-auth", "{}"),
            List.of("data[ssh-privatekey]: Required value")),
        Arguments.of("token without its account", secret("kubernetes.io/service-account-token", "{}"),
            List.of("metadata.annotations[kubernetes.io/service-account.name]: Required value")),
        Arguments.of("bad key", secret("Opaque", "{\"a b\":\"" + b64("x") + "\"}"), List.of("data[a b]: Invalid"
            + " value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g."
            + " 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secrets")
  void secret(String name, String json, List<String> expected) {
    assertEquals(expected, Check.create("", "secrets", json));
  }

  @org.junit.jupiter.api.Test
  void configMapsOverOneMebibyte() {
    String big = "x".repeat(1024 * 1024);
    assertEquals(List.of("[]: Too long: must have at most 1048576 bytes"),
        Check.create("", "configmaps", "{\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"" + big + "\",\"b\":\"y\"}}"));
    assertEquals(List.of(), Check.create("", "configmaps", "{\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\""
        + big.substring(1) + "\",\"b\":\"y\"}}"));
  }

  @org.junit.jupiter.api.Test
  void secretTypeAndImmutableDataStay() {
    String old = "{\"metadata\":{\"name\":\"s\"},\"immutable\":true,\"type\":\"Opaque\",\"data\":{\"a\":\"" + b64("x")
        + "\"}}";
    assertEquals(List.of("type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable",
        "data: Forbidden: field is immutable when `immutable` is set"), Check.update("", "secrets", old,
        "{\"metadata\":{\"name\":\"s\"},\"immutable\":true,\"type\":\"kubernetes.io/basic-auth\",\"data\":{\"username\":\""
            + b64("u") + "\"}}"));
    assertEquals(List.of("immutable: Forbidden: field is immutable when `immutable` is set"),
        Check.update("", "configmaps", "{\"metadata\":{\"name\":\"c\"},\"immutable\":true,\"data\":{\"a\":\"1\"}}",
            "{\"metadata\":{\"name\":\"c\"},\"immutable\":false,\"data\":{\"a\":\"1\"}}"));
  }
}
