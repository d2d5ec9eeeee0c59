package io.logplane.node.internal.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * ConfigMaps and Secrets held in a map, for the tests: {@code resource/namespace/name}; a token
 * for a ServiceAccount in it says what was asked for, a missing one fails as the API's answer does.
 */
final class MapObjects implements ObjectSource {
  static final ObjectMapper JSON = new ObjectMapper();
  final Map<String, JsonNode> objects = new HashMap<>();

  MapObjects put(String resource, String namespace, String name, String json) {
    try {
      objects.put(resource + "/" + namespace + "/" + name, JSON.readTree(json.replace('\'', '"')));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  @Override
  public JsonNode get(String resource, String namespace, String name) {
    return objects.get(resource + "/" + namespace + "/" + name);
  }

  @Override
  public String token(TokenRequest r) {
    if (!objects.containsKey("serviceaccounts/" + r.namespace() + "/" + r.account())) {
      throw new ConfigError("failed to fetch token: serviceaccounts \"" + r.account() + "\" not found");
    }
    return "token:" + r.namespace() + "/" + r.account() + ":" + r.audience() + ":" + r.expirationSeconds() + ":"
        + r.podName() + "/" + r.podUid();
  }

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s.replace('\'', '"'));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
