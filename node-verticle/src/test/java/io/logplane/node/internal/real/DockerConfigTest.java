package io.logplane.node.internal.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.node.internal.runtime.ImageSource.RegistryAuth;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registry credentials of image pull Secrets, as kubectl create secret docker-registry writes them. */
class DockerConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aDockerConfigJsonSecretGivesEachRegistrysUserAndPassword() throws Exception {
    String config = ("{'auths':{'registry.example:5000':{'username':'u','password':'p:w','auth':'"
        + b64("u:p:w") + "'},'https://index.docker.io/v1/':{'auth':'" + b64("hub:secret:x") + "'}}}")
        .replace('\'', '"');
    var secret = JSON.createObjectNode().put("type", "kubernetes.io/dockerconfigjson");
    secret.putObject("data").put(".dockerconfigjson", b64(config));
    assertEquals(List.of(new RegistryAuth("registry.example:5000", "u", "p:w"),
        new RegistryAuth("https://index.docker.io/v1/", "hub", "secret:x")), DockerConfig.auths(secret));
  }

  @Test
  void aDockercfgSecretHasItsRegistriesAtTheTop() {
    var secret = JSON.createObjectNode().put("type", "kubernetes.io/dockercfg");
    secret.putObject("data").put(".dockercfg", b64("{\"r.example\":{\"auth\":\"" + b64("a:b") + "\"}}"));
    assertEquals(List.of(new RegistryAuth("r.example", "a", "b")), DockerConfig.auths(secret));
  }

  @Test
  void anotherSecretOrOneThatDoesNotParseGivesNone() {
    var opaque = JSON.createObjectNode();
    opaque.putObject("data").put("password", b64("x"));
    assertEquals(List.of(), DockerConfig.auths(opaque));
    var broken = JSON.createObjectNode();
    broken.putObject("data").put(".dockerconfigjson", b64("{not json"));
    assertEquals(List.of(), DockerConfig.auths(broken));
  }
}
