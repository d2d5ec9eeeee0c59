package io.logplane.api.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.openapi.OpenApi;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.projections.Json;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FieldValidationTest {

  static JsonNode schemas;

  @BeforeAll
  static void documents() throws Exception {
    OpenApi docs = new OpenApi(BuiltinResources.all());
    schemas = Json.MAPPER.readTree(docs.v3Group("apis/apps/v1").orElseThrow()).path("components").path("schemas");
  }

  private static List<String> unknown(String json) throws Exception {
    return new FieldValidation(schemas).unknownFields(Json.MAPPER.readTree(json),
        schemas.get("io.k8s.api.apps.v1.Deployment"));
  }

  @Test
  void aValidDeploymentHasNoUnknownFields() throws Exception {
    assertEquals(List.of(), unknown("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"any":"thing"},
         "annotations":{"a":"b"}},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
         "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"i",
         "ports":[{"containerPort":80}],"resources":{"limits":{"cpu":"1"}}}]}}}}"""));
  }

  @Test
  void unknownFieldsAreReportedWithTheirPaths() throws Exception {
    assertEquals(List.of("spec.replica", "spec.template.spec.containers[0].imagee", "extra"), unknown("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replica":2,
         "template":{"spec":{"containers":[{"name":"c","imagee":"i"}]}}},"extra":1}"""));
  }
}
