package io.logplane.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request timeouts as kube-apiserver sets them: a request that is not long-running ends at its
 * {@code timeout} parameter (or the 60 s maximum) with kube's 504, a timeout Go cannot read is a
 * 400, a timeout of 0 means the maximum, and the server serves the next request at once. The slow
 * request is a read that waits for a resourceVersion the log has not reached (which gives up by
 * itself after 3 s, with another message).
 */
class RequestTimeoutsIT {

  private static final String WAITING = "/api/v1/namespaces/default/configmaps?resourceVersion=999999999"
      + "&resourceVersionMatch=NotOlderThan";

  @TempDir static Path dir;
  static Cluster cluster;
  static Api admin;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    admin = ClusterFixture.admin(cluster);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aRequestEndsAtItsTimeoutWithKubesStatus() throws Exception {
    Response r = admin.get(WAITING + "&timeout=1s");
    assertEquals(504, r.code(), r.text());
    JsonNode status = r.json();
    assertEquals("Timeout", status.path("reason").asText(), r.text());
    assertEquals("Timeout: request did not complete within the allotted timeout", status.path("message").asText());
    assertEquals(200, admin.get("/api/v1/namespaces/default/configmaps").code(), "the server serves on");
  }

  @Test
  void aTimeoutOfZeroIsTheMaximumAndTheReadGivesUpByItself() throws Exception {
    Response r = admin.get(WAITING + "&timeout=0s");
    assertEquals(504, r.code(), r.text());
    assertEquals("Too large resource version: 999999999, current: ", r.json().path("message").asText()
        .replaceAll("current: \\d+", "current: "));
  }

  @Test
  void aTimeoutGoCannotReadIsABadRequest() throws Exception {
    Response r = admin.get("/api/v1/namespaces/default/configmaps?timeout=soon");
    assertEquals(400, r.code(), r.text());
    assertEquals("invalid timeout specified in the request URL - time: invalid duration \"soon\"",
        r.json().path("message").asText());
  }
}
