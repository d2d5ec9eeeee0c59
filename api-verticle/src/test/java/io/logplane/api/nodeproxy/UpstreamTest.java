package io.logplane.api.nodeproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.logplane.api.http.ApiException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class UpstreamTest {
  @Test
  void aNodesRefusalBecomesTheStatusKubeApiserverMakesOfIt() {
    ApiException bad = Upstream.refused(400, "previous terminated container \"c\" in pod \"p\" not found",
        "pods/log", "p");
    assertEquals(400, bad.code());
    assertEquals("BadRequest", bad.reason());
    assertEquals("previous terminated container \"c\" in pod \"p\" not found", bad.getMessage());
    ApiException missing = Upstream.refused(404, "pod \"p\" does not exist", "pods/log", "p");
    assertEquals("NotFound", missing.reason());
    assertEquals("the server could not find the requested resource ( pods/log p)", missing.getMessage());
    assertEquals("pods/log", missing.status().at("/details/kind").asText());
    assertEquals("Internal error occurred: boom", Upstream.refused(500, "boom", "pods/log", "p").getMessage());
  }

  @Test
  void anUnreachableNodeIsA500OfNoReasonWithGosDialError() {
    ApiException e = Upstream.unreachable("http://172.16.0.1:10250/containerLogs/ns/p/c", "172.16.0.1:10250",
        new ConnectException("Connection refused: /172.16.0.1:10250"));
    assertEquals(500, e.code());
    assertEquals("Get \"http://172.16.0.1:10250/containerLogs/ns/p/c\": dial tcp 172.16.0.1:10250: connect:"
        + " connection refused", e.getMessage());
    assertFalse(e.status().has("reason"));
    assertEquals("Get \"http://h:1/x\": dial tcp h:1: connect: no route to host", Upstream.unreachable(
        "http://h:1/x", "h:1", new ConnectException("No route to host: /h:1")).getMessage());
  }

  @Test
  void nettysNativeTransportsErrnosReadAsGosToo() {
    assertEquals("connection refused", Upstream.errno("finishConnect(..) failed with error(-111)"));
    assertEquals("connection refused", Upstream.errno("connect(..) failed: Connection refused"));
    assertEquals("no route to host", Upstream.errno("finishConnect(..) failed with error(-113)"));
    assertEquals("network is unreachable", Upstream.errno("connect(..) failed: Network is unreachable"));
  }
}
