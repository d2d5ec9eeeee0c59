package io.logplane.api.nodeproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.Query;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PodLogOptionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static PodLogOptions parse(String query) {
    return PodLogOptions.parse(Query.parse(query), "p");
  }

  private static ApiException refused(String query) {
    return assertThrows(ApiException.class, () -> parse(query));
  }

  @Test
  void passesTheOptionsToTheNodeAsLogLocationWritesThem() {
    PodLogOptions o = parse("container=c&follow=true&previous=1&timestamps=true&tailLines=10"
        + "&limitBytes=500&sinceTime=2026-01-01T10:00:00.5%2B01:00");
    assertEquals(new PodLogOptions("c", true, true, true, null, Instant.parse("2026-01-01T09:00:00.5Z"),
        10L, 500L), o);
    assertEquals("follow=true&limitBytes=500&previous=true&sinceTime=2026-01-01T09%3A00%3A00Z&tailLines=10"
        + "&timestamps=true", o.nodeQuery());
    assertEquals("sinceSeconds=60", parse("sinceSeconds=60&follow=false").nodeQuery());
    assertEquals("", parse("").nodeQuery());
  }

  @Test
  void refusesInvalidOptionsAsValidatePodLogOptions() {
    ApiException e = refused("tailLines=-1");
    assertEquals(422, e.code());
    assertEquals("PodLogOptions \"p\" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0",
        e.getMessage());
    assertEquals("PodLogOptions \"p\" is invalid: limitBytes: Invalid value: 0: must be greater than 0",
        refused("limitBytes=0").getMessage());
    assertEquals("PodLogOptions \"p\" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0",
        refused("sinceSeconds=0").getMessage());
    assertEquals("PodLogOptions \"p\" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may"
        + " be specified", refused("sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z").getMessage());
    assertEquals(400, refused("tailLines=ten").code());
    assertTrue(parse("follow=yes&previous=f&timestamps=").follow(), "a flag is false only when absent, 0 or false");
    assertEquals(400, refused("sinceTime=yesterday").code());
  }

  @Test
  void picksTheContainerAsValidateContainer() throws Exception {
    JsonNode one = JSON.readTree("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"a\"}],"
        + "\"initContainers\":[{\"name\":\"i\"}]}}");
    assertEquals("a", PodLogOptions.container(null, one));
    assertEquals("i", PodLogOptions.container("i", one));
    assertEquals("container x is not valid for pod p",
        assertThrows(ApiException.class, () -> PodLogOptions.container("x", one)).getMessage());
    JsonNode two = JSON.readTree("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"a\"},"
        + "{\"name\":\"b\"}],\"initContainers\":[{\"name\":\"i\"}]}}");
    ApiException e = assertThrows(ApiException.class, () -> PodLogOptions.container(null, two));
    assertEquals(400, e.code());
    assertEquals("a container name must be specified for pod p, choose one of: [i a b]", e.getMessage());
  }
}
