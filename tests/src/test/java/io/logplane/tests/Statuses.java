package io.logplane.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.tests.http.Response;
import java.util.ArrayList;
import java.util.List;

/** Assertions on the Kubernetes {@code Status} a refused request answers, as kube-apiserver writes it. */
final class Statuses {

  private Statuses() {}

  /** Requires a Failure Status with this code and reason; returns it. */
  static JsonNode status(Response r, int code, String reason) {
    assertEquals(code, r.code(), r.text());
    JsonNode s = r.json();
    assertEquals("Status", s.path("kind").asText(), s.toString());
    assertEquals("v1", s.path("apiVersion").asText(), s.toString());
    assertEquals("Failure", s.path("status").asText(), s.toString());
    assertEquals(code, s.path("code").asInt(), s.toString());
    assertEquals(reason, s.path("reason").asText(), s.toString());
    assertTrue(!s.path("message").asText().isEmpty(), s.toString());
    return s;
  }

  /** Requires a 422 Invalid whose causes are exactly these ({@code reason field: message}). */
  static void causes(Response r, String... expected) {
    JsonNode s = status(r, 422, "Invalid");
    List<String> causes = new ArrayList<>();
    s.path("details").path("causes").forEach(c -> causes.add(c.path("reason").asText() + " "
        + c.path("field").asText() + ": " + c.path("message").asText()));
    assertEquals(List.of(expected), causes, s.toString());
  }

  /** Requires a cause of the Status on this field or one under it. */
  static void assertCause(JsonNode status, String field) {
    List<String> fields = new ArrayList<>();
    status.path("details").path("causes").forEach(c -> fields.add(c.path("field").asText()));
    assertTrue(fields.stream().anyMatch(f -> f.startsWith(field)), field + " in " + status);
  }
}
