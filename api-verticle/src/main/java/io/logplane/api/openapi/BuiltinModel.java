package io.logplane.api.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.logplane.api.resources.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schemas and operations of the built-in kinds, generated once by reflection (the slow part;
 * custom resources are added on top of it cheaply).
 *
 * @param definitions every schema by name, in the v3 dialect
 * @param operations  every operation of every built-in resource
 */
record BuiltinModel(Map<String, ObjectNode> definitions, List<Operation> operations) {

  /** Builds the model of the given resources; those without a model class are skipped. */
  static BuiltinModel of(List<ResourceType> types) {
    SchemaGenerator gen = new SchemaGenerator(new KubeTypes(new ProtoCatalog()));
    gen.define(Status.class);
    gen.define(DeleteOptions.class);
    gen.defineFixed(KubeTypes.PATCH);
    List<Operation> ops = new ArrayList<>();
    for (ResourceType type : types) {
      Class<?> model = type.loadModelClass();
      if (model == null) {
        continue;
      }
      String kind = gen.define(model);
      CustomSchemas.gvk(gen.definitions().get(kind), type, type.kind());
      String list = gen.define(listClass(type));
      CustomSchemas.gvk(gen.definitions().get(list), type, type.kind() + "List");
      if (type.subresources().contains("scale")) {
        String scale = gen.define(Scale.class);
        CustomSchemas.gvk(gen.definitions().get(scale), new ResourceType("autoscaling", "v1", "", "", "Scale",
            false, List.of(), List.of(), List.of(), null), "Scale");
      }
      ops.addAll(ResourcePaths.of(type, kind, list, true));
    }
    return new BuiltinModel(gen.definitions(), List.copyOf(ops));
  }

  private static Class<?> listClass(ResourceType type) {
    try {
      return Class.forName(type.modelClass() + "List");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("no list class for " + type.modelClass(), e);
    }
  }

  /** {@code api/v1} for the core group, {@code apis/apps/v1} otherwise. */
  static String groupVersionPath(String group, String version) {
    return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
  }
}
