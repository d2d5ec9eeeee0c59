package io.logplane.api.openapi;

import static io.logplane.api.openapi.OpenApiTest.group;
import static io.logplane.api.openapi.OpenApiTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.BuiltinResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kubernetes API docs reach the schemas kubectl explain reads, in v3 and in v2. */
class DescriptionsTest {

  static final String DEPLOYMENT_SPEC = "io.k8s.api.apps.v1.DeploymentSpec";
  static final String POD_SPEC = "io.k8s.api.core.v1.PodSpec";
  static final String REPLICAS = "Number of desired pods. This is a pointer to distinguish between explicit zero "
      + "and not specified. Defaults to 1.";
  static final String CONTAINERS = "List of containers belonging to the pod. Containers cannot currently be added "
      + "or removed. There must be at least one container in a Pod. Cannot be updated.";

  static OpenApi api;

  @BeforeAll
  static void build() {
    api = new OpenApi(BuiltinResources.all());
  }

  @Test
  void v3CarriesTheKubernetesFieldAndTypeDocs() {
    JsonNode schemas = group(api, "apis/apps/v1").path("components").path("schemas");
    JsonNode spec = schemas.path(DEPLOYMENT_SPEC);
    assertEquals("DeploymentSpec is the specification of the desired behavior of the Deployment.",
        spec.path("description").asText());
    assertEquals(REPLICAS, spec.path("properties").path("replicas").path("description").asText());
    assertEquals("integer", spec.path("properties").path("replicas").path("type").asText());
    JsonNode containers = schemas.path(POD_SPEC).path("properties").path("containers");
    assertEquals(CONTAINERS, containers.path("description").asText());
    assertEquals("#/components/schemas/io.k8s.api.core.v1.Container", containers.path("items").path("$ref").asText());
    // A reference keeps its description beside it through allOf, as kube-apiserver writes it.
    JsonNode template = spec.path("properties").path("template");
    assertEquals("#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec",
        template.path("allOf").path(0).path("$ref").asText());
    assertTrue(template.path("description").asText().startsWith("Template describes the pods"), template::toString);
  }

  @Test
  void v2CarriesTheSameDocs() {
    JsonNode defs = parse(api.v2()).path("definitions");
    assertEquals(REPLICAS, defs.path(DEPLOYMENT_SPEC).path("properties").path("replicas").path("description").asText());
    assertEquals(CONTAINERS, defs.path(POD_SPEC).path("properties").path("containers").path("description").asText());
    JsonNode template = defs.path(DEPLOYMENT_SPEC).path("properties").path("template");
    assertEquals("#/definitions/io.k8s.api.core.v1.PodTemplateSpec", template.path("$ref").asText());
    assertTrue(template.path("description").asText().startsWith("Template describes the pods"), template::toString);
    assertTrue(defs.path(POD_SPEC).path("description").asText().startsWith("PodSpec is a description of a pod."));
  }

  @Test
  void paragraphsOfLongDocsSurvive() {
    String rule = KubeDocs.field("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ValidationRule", "rule")
        .orElseThrow();
    assertTrue(rule.contains("{\"rule\": \"self.status.actual <= self.spec.maxDesired\"}\n\nIf the Rule"), rule);
  }

  @Test
  void fixedTypesKeepTheirOwnDescriptions() {
    JsonNode schemas = group(api, "apis/apps/v1").path("components").path("schemas");
    assertEquals(KubeTypes.fixed(KubeTypes.QUANTITY).orElseThrow(), schemas.path(KubeTypes.QUANTITY));
    assertEquals(KubeTypes.fixed(KubeTypes.TIME).orElseThrow(), schemas.path(KubeTypes.TIME));
  }

  /**
   * Nearly every generated type and field is documented. What is left are types and fields newer
   * than the Kubernetes version the docs come from (about one in ten of the fabric8 7.9 model) and
   * the few Kubernetes leaves undocumented itself; a drop in coverage means names stopped matching.
   */
  @Test
  void nearlyEverythingIsDocumented() {
    Map<String, ObjectNode> defs = BuiltinModel.of(BuiltinResources.all()).definitions();
    List<String> undocumentedTypes = new ArrayList<>();
    List<String> undocumentedFields = new ArrayList<>();
    int fields = 0;
    for (var e : defs.entrySet()) {
      if (!e.getValue().has("description")) {
        undocumentedTypes.add(e.getKey());
      }
      var properties = e.getValue().path("properties").fields();
      while (properties.hasNext()) {
        var p = properties.next();
        fields++;
        if (!p.getValue().has("description")) {
          undocumentedFields.add(e.getKey() + "." + p.getKey());
        }
      }
    }
    assertTrue(undocumentedTypes.size() * 100 <= defs.size() * 12, "undocumented types: " + undocumentedTypes);
    assertTrue(undocumentedFields.size() * 100 <= fields * 12, "undocumented fields: " + undocumentedFields);
    assertTrue(defs.get(KubeTypes.OBJECT_META).path("properties").path("name").path("description").asText()
        .startsWith("Name must be unique within a namespace."));
  }
}
