package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.agent.NodeObject;
import io.logplane.node.internal.runtime.ImageSource.RegistryAuth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The registry credentials of an image pull Secret, as the kubelet's keyring reads them: a
 * {@code kubernetes.io/dockerconfigjson} Secret's {@code .dockerconfigjson} ({@code auths} by
 * registry), or a {@code kubernetes.io/dockercfg} Secret's {@code .dockercfg} (registries at
 * the top); each entry's {@code username} and {@code password}, or its {@code auth}
 * ({@code base64(user:password)}). A Secret of another type, or one that does not parse, gives
 * none.
 */
final class DockerConfig {

  private DockerConfig() {}

  static List<RegistryAuth> auths(JsonNode secret) {
    JsonNode data = secret.path("data");
    JsonNode registries;
    try {
      if (data.has(".dockerconfigjson")) {
        registries = NodeObject.JSON.readTree(decode(data.get(".dockerconfigjson").asText())).path("auths");
      } else if (data.has(".dockercfg")) {
        registries = NodeObject.JSON.readTree(decode(data.get(".dockercfg").asText()));
      } else {
        return List.of();
      }
    } catch (IOException | IllegalArgumentException e) {
      return List.of();
    }
    List<RegistryAuth> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : registries.properties()) {
      JsonNode entry = e.getValue();
      String user = entry.path("username").asText("");
      String password = entry.path("password").asText("");
      if (user.isEmpty() && entry.hasNonNull("auth")) {
        String pair;
        try {
          pair = decode(entry.get("auth").asText());
        } catch (IllegalArgumentException bad) {
          continue;
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
          continue;
        }
        user = pair.substring(0, colon);
        password = pair.substring(colon + 1);
      }
      if (!user.isEmpty()) {
        out.add(new RegistryAuth(e.getKey(), user, password));
      }
    }
    return out;
  }

  private static String decode(String base64) {
    return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
