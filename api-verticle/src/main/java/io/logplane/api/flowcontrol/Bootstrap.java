package io.logplane.api.flowcontrol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API Priority and Fairness configuration kube-apiserver 1.28 starts with (its
 * {@code apis/flowcontrol/bootstrap} objects, in {@code bootstrap.json} beside this class): the
 * mandatory FlowSchemas and PriorityLevelConfigurations ({@code exempt}, {@code catch-all}), which
 * always exist with a fixed spec, and the suggested ones, created when missing. Every object is
 * whole (apiVersion, kind, name, the {@code apf.kubernetes.io/autoupdate-spec} annotation, spec),
 * in kube's order; each call returns fresh copies the caller may change.
 */
public final class Bootstrap {

  /** The annotation by which the apiserver keeps a bootstrap object's spec up to date. */
  public static final String AUTO_UPDATE_ANNOTATION = "apf.kubernetes.io/autoupdate-spec";

  private static final JsonNode CONFIG = load();

  private Bootstrap() {}

  public static List<ObjectNode> mandatoryPriorityLevelConfigurations() {
    return copies("mandatory", "priorityLevelConfigurations");
  }

  public static List<ObjectNode> mandatoryFlowSchemas() {
    return copies("mandatory", "flowSchemas");
  }

  public static List<ObjectNode> suggestedPriorityLevelConfigurations() {
    return copies("suggested", "priorityLevelConfigurations");
  }

  public static List<ObjectNode> suggestedFlowSchemas() {
    return copies("suggested", "flowSchemas");
  }

  /** The mandatory FlowSchema of that name ({@code exempt} or {@code catch-all}), if one is. */
  public static Optional<ObjectNode> mandatoryFlowSchema(String name) {
    return named(mandatoryFlowSchemas(), name);
  }

  /** The mandatory PriorityLevelConfiguration of that name, if one is. */
  public static Optional<ObjectNode> mandatoryPriorityLevelConfiguration(String name) {
    return named(mandatoryPriorityLevelConfigurations(), name);
  }

  private static Optional<ObjectNode> named(List<ObjectNode> objects, String name) {
    return objects.stream().filter(o -> o.path("metadata").path("name").asText("").equals(name)).findFirst();
  }

  private static List<ObjectNode> copies(String set, String kind) {
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode o : CONFIG.path(set).path(kind)) {
      out.add(((ObjectNode) o).deepCopy());
    }
    return out;
  }

  private static JsonNode load() {
    try (InputStream in = Bootstrap.class.getResourceAsStream("bootstrap.json")) {
      if (in == null) {
        throw new IllegalStateException("bootstrap.json is missing beside " + Bootstrap.class.getName());
      }
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
