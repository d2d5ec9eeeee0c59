package io.logplane.api.openapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.api.resources.ResourceType;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The v3 root and group documents of the built-in kinds, read the way kubectl reads them. */
class OpenApiTest {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static OpenApi api;

  @BeforeAll
  static void build() {
    api = new OpenApi(BuiltinResources.all());
  }

  static JsonNode group(OpenApi openApi, String path) {
    return parse(openApi.v3Group(path).orElseThrow(() -> new AssertionError("no document " + path)));
  }

  static JsonNode parse(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new AssertionError("not JSON", e);
    }
  }

  static String gvPath(ResourceType t) {
    return t.group().isEmpty() ? "api/" + t.version() : "apis/" + t.group() + "/" + t.version();
  }

  /** Resolves {@code $ref} or a single-element {@code allOf} the way kubectl's patch lookup does. */
  static JsonNode resolve(JsonNode doc, JsonNode schema) {
    JsonNode s = schema.has("allOf") ? schema.get("allOf").get(0) : schema;
    if (s.has("$ref")) {
      String name = s.get("$ref").asText().substring("#/components/schemas/".length());
      JsonNode target = doc.path("components").path("schemas").get(name);
      assertTrue(target != null, "unresolved " + name);
      return target;
    }
    return s;
  }

  static JsonNode walk(JsonNode doc, String kind, String... fields) {
    JsonNode s = doc.path("components").path("schemas").get(kind);
    for (String f : fields) {
      JsonNode p = s.path("properties").get(f);
      assertTrue(p != null, "no field " + f + " in " + s);
      s = p.has("items") ? resolve(doc, p.get("items")) : resolve(doc, p);
    }
    return s;
  }

  @Test
  void rootListsEveryGroupVersionWithTheHashOfItsDocument() {
    JsonNode root = parse(api.v3Root());
    Set<String> expected = new TreeSet<>();
    BuiltinResources.all().forEach(t -> expected.add(gvPath(t)));
    Set<String> actual = new TreeSet<>();
    root.get("paths").fieldNames().forEachRemaining(actual::add);
    assertEquals(expected, actual);
    for (String path : expected) {
      String url = root.get("paths").get(path).get("serverRelativeURL").asText();
      String hash = Documents.hash(api.v3Group(path).orElseThrow());
      assertEquals("/openapi/v3/" + path + "?hash=" + hash, url);
      assertEquals(128, hash.length());
      assertEquals('"' + hash + '"', api.etag("/openapi/v3/" + path));
      assertEquals(api.etag(path), api.etag("/openapi/v3/" + path));
    }
  }

  @Test
  void deploymentReachesContainersWithTheirMergeKeys() {
    JsonNode doc = group(api, "apis/apps/v1");
    assertEquals("3.0.0", doc.get("openapi").asText());
    JsonNode podSpec = walk(doc, "io.k8s.api.apps.v1.Deployment", "spec", "template", "spec");
    JsonNode containers = podSpec.get("properties").get("containers");
    assertEquals("array", containers.get("type").asText());
    assertEquals("#/components/schemas/io.k8s.api.core.v1.Container", containers.get("items").get("$ref").asText());
    assertEquals("name", containers.get("x-kubernetes-patch-merge-key").asText());
    assertEquals("merge", containers.get("x-kubernetes-patch-strategy").asText());
    assertEquals("map", containers.get("x-kubernetes-list-type").asText());
    assertEquals("merge,retainKeys", podSpec.get("properties").get("volumes").get("x-kubernetes-patch-strategy").asText());
    JsonNode container = walk(doc, "io.k8s.api.apps.v1.Deployment", "spec", "template", "spec", "containers");
    assertEquals("[\"name\"]", container.get("required").toString());
    JsonNode ports = container.get("properties").get("ports");
    assertEquals("containerPort", ports.get("x-kubernetes-patch-merge-key").asText());
    assertEquals("[\"containerPort\",\"protocol\"]", ports.get("x-kubernetes-list-map-keys").toString());
    assertEquals("[\"selector\",\"template\"]",
        walk(doc, "io.k8s.api.apps.v1.Deployment", "spec").get("required").toString());
  }

  @Test
  void everyBuiltinKindHasItsSchemaAndOperationsTaggedWithItsKind() {
    for (ResourceType t : BuiltinResources.all()) {
      JsonNode doc = group(api, gvPath(t));
      JsonNode gvk = MAPPER.createObjectNode().put("group", t.group()).put("kind", t.kind()).put("version", t.version());
      long kinds = 0;
      for (JsonNode schema : doc.get("components").get("schemas")) {
        for (JsonNode entry : schema.path("x-kubernetes-group-version-kind")) {
          kinds += entry.equals(gvk) ? 1 : 0;
        }
      }
      assertEquals(1, kinds, "schemas with the GVK of " + t.kind());
      String prefix = "/" + gvPath(t) + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.resource();
      JsonNode item = doc.get("paths").get(prefix + "/{name}");
      assertTrue(item != null, "no path " + prefix);
      for (String method : new String[] {"get", "put", "patch", "delete"}) {
        assertEquals(gvk, item.get(method).get("x-kubernetes-group-version-kind"), method + " " + prefix);
      }
      assertEquals("list", doc.get("paths").get(prefix).get("get").get("x-kubernetes-action").asText());
      JsonNode patch = item.get("patch");
      assertTrue(patch.get("requestBody").get("content").has("application/strategic-merge-patch+json"));
      assertTrue(patch.get("parameters").toString().contains("\"name\":\"fieldValidation\",\"in\":\"query\""));
      assertTrue(doc.get("paths").get(prefix).get("post").get("parameters").toString().contains("fieldValidation"));
    }
  }

  @Test
  void definitionsAreKubernetesTypesOnly() {
    JsonNode root = parse(api.v3Root());
    root.get("paths").fieldNames().forEachRemaining(path -> {
      JsonNode schemas = group(api, path).get("components").get("schemas");
      schemas.fieldNames().forEachRemaining(name -> {
        assertTrue(name.startsWith("io.k8s.") && !name.contains("fabric8"), name);
        JsonNode schema = schemas.get(name);
        assertFalse(schema.path("properties").has("additionalProperties"), name);
        for (JsonNode ref : schema.findValues("$ref")) {
          if (ref.isTextual()) {
            assertTrue(schemas.has(ref.asText().substring("#/components/schemas/".length())), name + " -> " + ref);
          }
        }
      });
    });
  }

  @Test
  void goPackagesFollowKubernetes() {
    JsonNode core = group(api, "api/v1").get("components").get("schemas");
    JsonNode meta = core.get("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").get("properties");
    assertEquals("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time",
        meta.get("creationTimestamp").findValue("$ref").asText());
    assertTrue(meta.get("ownerReferences").get("items").get("$ref").asText().endsWith("meta.v1.OwnerReference"));
    assertTrue(core.has("io.k8s.api.core.v1.Event"));
    assertTrue(core.get("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions").get("properties").get("preconditions")
        .findValue("$ref").asText().endsWith("io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions"));
    assertTrue(group(api, "apis/events.k8s.io/v1").get("components").get("schemas").has("io.k8s.api.events.v1.Event"));
    assertTrue(group(api, "apis/autoscaling/v2").get("components").get("schemas")
        .has("io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler"));
    assertTrue(group(api, "apis/apiextensions.k8s.io/v1").get("components").get("schemas")
        .has("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"));
    JsonNode apps = group(api, "apis/apps/v1").get("components").get("schemas");
    assertTrue(apps.get("io.k8s.api.apps.v1.DeploymentSpec").get("properties").get("selector").findValue("$ref")
        .asText().endsWith("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"));
    assertEquals("[{\"group\":\"autoscaling\",\"kind\":\"Scale\",\"version\":\"v1\"}]",
        apps.get("io.k8s.api.autoscaling.v1.Scale").get("x-kubernetes-group-version-kind").toString());
  }

  @Test
  void apimachineryTypesHaveTheirWireSchemas() {
    JsonNode core = group(api, "api/v1").get("components").get("schemas");
    assertEquals("true", core.get("io.k8s.apimachinery.pkg.util.intstr.IntOrString").get("x-kubernetes-int-or-string")
        .asText());
    assertEquals("date-time", core.get("io.k8s.apimachinery.pkg.apis.meta.v1.Time").get("format").asText());
    assertEquals("string", core.get("io.k8s.apimachinery.pkg.apis.meta.v1.Time").get("type").asText());
    assertTrue(core.get("io.k8s.apimachinery.pkg.api.resource.Quantity").get("oneOf").toString().contains("string"));
    assertEquals("byte", core.get("io.k8s.api.core.v1.Secret").get("properties").get("data")
        .get("additionalProperties").get("format").asText());
    assertTrue(core.get("io.k8s.api.core.v1.ResourceRequirements").get("properties").get("limits")
        .get("additionalProperties").get("$ref").asText().endsWith("Quantity"));
    JsonNode apps = group(api, "apis/apps/v1").get("components").get("schemas");
    assertTrue(apps.get("io.k8s.api.apps.v1.ControllerRevision").get("properties").get("data").findValue("$ref")
        .asText().endsWith("io.k8s.apimachinery.pkg.runtime.RawExtension"));
    assertEquals("object", apps.get("io.k8s.apimachinery.pkg.runtime.RawExtension").get("type").asText());
    JsonNode lease = group(api, "apis/coordination.k8s.io/v1").get("components").get("schemas")
        .get("io.k8s.api.coordination.v1.LeaseSpec").get("properties");
    assertTrue(lease.get("renewTime").findValue("$ref").asText().endsWith("meta.v1.MicroTime"));
  }

  @Test
  void unknownDocumentsAreAbsent() {
    assertTrue(api.v3Group("apis/nope/v1").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> api.etag("/openapi/v3/apis/nope/v1"));
  }

  @Test
  void documentsAreDeterministic() {
    OpenApi again = new OpenApi(BuiltinResources.all());
    assertArrayEquals(api.v3Root(), again.v3Root());
    assertArrayEquals(api.v3Group("api/v1").orElseThrow(), again.v3Group("api/v1").orElseThrow());
  }
}
