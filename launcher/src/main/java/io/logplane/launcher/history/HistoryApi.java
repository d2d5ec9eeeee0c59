package io.logplane.launcher.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.KubeConfig;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The API calls {@code logplane history} makes, through the same small Kubernetes client as the
 * bench (HTTP/2 over TLS with the kubeconfig's CA and its token or client certificate):
 * aggregated discovery (legacy discovery when the server has none), and the pages of an
 * object's {@code versions}.
 */
final class HistoryApi implements AutoCloseable {

  static final String AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
      + "application/json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubeClient client;
  private final String base;

  HistoryApi(KubeConfig config, Duration timeout) {
    this.client = new KubeClient(config, "logplane-history", 1, timeout);
    this.base = config.server().toString();
  }

  /** GETs a JSON document; a non-2xx answer is an exception with the server's message. */
  JsonNode get(String path, String accept) throws HistoryException {
    try {
      KubeClient.Response resp = client.get(path, accept);
      String text = resp.body() == null ? "" : resp.body();
      JsonNode body = text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
      if (!resp.ok()) {
        throw new HistoryException("GET " + path + ": " + resp.status() + " " + body.path("message").asText(text), 1);
      }
      return body;
    } catch (IOException e) {
      throw new HistoryException("GET " + base + path + ": " + e.getMessage(), 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HistoryException("interrupted", 1);
    }
  }

  /** What the server serves. */
  KindResolver discover() throws HistoryException {
    JsonNode core = get("/api", AGGREGATED);
    if ("APIGroupDiscoveryList".equals(core.path("kind").asText())) {
      return KindResolver.fromAggregated(List.of(core, get("/apis", AGGREGATED)));
    }
    List<KindResolver.Resource> out = new ArrayList<>();
    legacy(out, "", "v1", get("/api/v1", "application/json"));
    for (JsonNode g : get("/apis", "application/json").path("groups")) {
      String version = g.path("preferredVersion").path("version").asText();
      legacy(out, g.path("name").asText(), version,
          get("/apis/" + g.path("name").asText() + "/" + version, "application/json"));
    }
    return new KindResolver(out);
  }

  private static void legacy(List<KindResolver.Resource> out, String group, String version, JsonNode list) {
    for (JsonNode r : list.path("resources")) {
      if (r.path("name").asText().contains("/")) {
        continue;
      }
      List<String> shorts = new ArrayList<>();
      r.path("shortNames").forEach(s -> shorts.add(s.asText()));
      out.add(new KindResolver.Resource(group, version, r.path("name").asText(), r.path("singularName").asText(),
          r.path("kind").asText(), r.path("namespaced").asBoolean(), shorts));
    }
  }

  /** Every version item of one object, oldest first, following continue tokens. */
  List<JsonNode> versions(KindResolver.Resource r, String namespace, String name) throws HistoryException {
    String selector = "target.resource=" + r.resource() + ",target.group=" + r.storageGroup() + ",target.name="
        + name + (r.namespaced() ? "" : ",target.namespace=");
    String path = "/apis/history.logplane.io/v1" + (r.namespaced() ? "/namespaces/" + namespace : "")
        + "/versions?limit=500&fieldSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8);
    List<JsonNode> items = new ArrayList<>();
    String token = "";
    do {
      JsonNode page = get(path + (token.isEmpty() ? "" : "&continue=" + URLEncoder.encode(token,
          StandardCharsets.UTF_8)), "application/json");
      page.path("items").forEach(items::add);
      token = page.path("metadata").path("continue").asText("");
    } while (!token.isEmpty());
    return items;
  }

  @Override
  public void close() {
    client.close();
  }
}
