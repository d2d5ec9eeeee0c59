package io.logplane.node.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Calls a CNI plugin as the CNI specification prescribes: the plugin binary named by the network
 * configuration's {@code type}, found in the plugin directory, run with {@code CNI_COMMAND},
 * {@code CNI_CONTAINERID}, {@code CNI_NETNS}, {@code CNI_IFNAME} and {@code CNI_PATH} in its
 * environment and the configuration on stdin; it answers a result (ADD) or nothing (DEL, CHECK)
 * on stdout, or an error object and a non-zero exit.
 */
final class Cni {

  /** A plugin's error: its CNI error code and message. */
  static final class Error extends RuntimeException {
    final int code;

    Error(String command, int code, String message) {
      super("CNI " + command + " failed (code " + code + "): " + message);
      this.code = code;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path pluginDir;

  Cni(Path pluginDir) {
    this.pluginDir = pluginDir;
  }

  /** ADD: attaches the container to the network and returns the plugin's result. */
  JsonNode add(ObjectNode config, String containerId, Path netns, String ifname) {
    return call("ADD", config, containerId, netns, ifname);
  }

  /** CHECK: fails when the attachment is no longer as {@code prevResult} describes it. */
  void check(ObjectNode config, JsonNode prevResult, String containerId, Path netns, String ifname) {
    call("CHECK", withPrevResult(config, prevResult), containerId, netns, ifname);
  }

  /** DEL: releases what ADD made; succeeds when it is already gone. */
  void del(ObjectNode config, JsonNode prevResult, String containerId, Path netns, String ifname) {
    call("DEL", withPrevResult(config, prevResult), containerId, netns, ifname);
  }

  private static ObjectNode withPrevResult(ObjectNode config, JsonNode prevResult) {
    ObjectNode copy = config.deepCopy();
    if (prevResult != null) {
      copy.set("prevResult", prevResult);
    }
    return copy;
  }

  private JsonNode call(String command, ObjectNode config, String containerId, Path netns,
      String ifname) {
    String plugin = pluginDir.resolve(config.path("type").asText()).toString();
    Exec.Result result = Exec.run(List.of(plugin), config.toString(), Map.of(
        "CNI_COMMAND", command,
        "CNI_CONTAINERID", containerId,
        "CNI_NETNS", netns.toString(),
        "CNI_IFNAME", ifname,
        "CNI_PATH", pluginDir.toString()));
    JsonNode out = parse(result.stdout());
    if (!result.ok()) {
      throw new Error(command, out.path("code").asInt(-1),
          out.has("msg") ? out.path("msg").asText() + detail(out) : result.stderr().strip());
    }
    return out;
  }

  private static String detail(JsonNode error) {
    String details = error.path("details").asText("");
    return details.isEmpty() ? "" : " (" + details + ")";
  }

  private static JsonNode parse(String stdout) {
    if (stdout.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(stdout);
    } catch (IOException e) {
      return JSON.createObjectNode().put("msg", stdout.strip());
    }
  }
}
