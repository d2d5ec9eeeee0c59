package io.logplane.node.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.kubeclient.KubeClient;
import io.logplane.node.internal.agent.Requests;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The provisioner's decisions, over a scripted API and a disk that records what it is asked. */
class LocalProvisionerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> calls = new ArrayList<>();
  private final List<JsonNode> bodies = new ArrayList<>();
  private final List<String> disk = new ArrayList<>();
  private final Requests api = (method, path, body) -> {
    if (!path.endsWith("/events")) {
      calls.add(method + " " + path);
      bodies.add(body);
    }
    String answer = path.contains("storageclasses") ? "{\"metadata\": {\"name\": \"local-path\"}, \"reclaimPolicy\":"
        + " \"Delete\"}" : "{}";
    return Future.succeededFuture(new KubeClient.Response(path.contains("storageclasses") ? 200 : 201,
        Buffer.buffer(answer), "HTTP/1.1"));
  };
  private final LocalProvisioner provisioner = new LocalProvisioner(api, Set.of("n1", "n2")::contains,
      new LocalDisk() {
        @Override
        public Path root(String node) {
          return Path.of("/data", node);
        }

        @Override
        public Future<Void> make(Path dir) {
          disk.add("make " + dir);
          return Future.succeededFuture();
        }

        @Override
        public Future<Void> remove(Path dir) {
          disk.add("remove " + dir);
          return Future.succeededFuture();
        }
      }, Clock.systemUTC());

  @Test
  void aClaimScheduledToOneOfItsNodesGetsADirectoryAndAVolumePinnedThere() throws Exception {
    provisioner.claim(claim("n2", "logplane.io/local-path", ""));
    assertEquals(List.of("make /data/n2/pvc-u1_ns_data"), disk);
    assertEquals(List.of("GET /apis/storage.k8s.io/v1/storageclasses/local-path", "POST /api/v1/persistentvolumes"),
        calls);
    JsonNode pv = bodies.get(1);
    assertEquals("pvc-u1", pv.path("metadata").path("name").asText());
    assertEquals("logplane.io/local-path", pv.path("metadata").path("annotations").path("pv.kubernetes.io/provisioned-by")
        .asText());
    assertEquals("2Gi", pv.path("spec").path("capacity").path("storage").asText());
    assertEquals("Delete", pv.path("spec").path("persistentVolumeReclaimPolicy").asText());
    assertEquals("u1", pv.path("spec").path("claimRef").path("uid").asText());
    assertEquals("/data/n2/pvc-u1_ns_data", pv.path("spec").path("hostPath").path("path").asText());
    assertEquals("n2", LocalProvisioner.node(pv));

    provisioner.claim(claim("n2", "logplane.io/local-path", ""));
    assertEquals(2, calls.size(), "made once");
  }

  @Test
  void claimsOfOtherNodesOrProvisionersOrAlreadyBoundAreLeftAlone() {
    provisioner.claim(claim("n3", "logplane.io/local-path", ""));
    provisioner.claim(claim("n1", "rancher.io/local-path", ""));
    provisioner.claim(claim("n1", "logplane.io/local-path", "pvc-u1"));
    assertEquals(List.of(), calls);
  }

  @Test
  void aReleasedVolumeOfItsOwnIsRemovedThenDeleted() throws Exception {
    JsonNode pv = LocalProvisioner.volume(claim("n1", "logplane.io/local-path", ""), "n1", Path.of("/data/n1/pvc-u1_ns_data"),
        JSON.readTree("{\"metadata\": {\"name\": \"local-path\"}, \"reclaimPolicy\": \"Delete\"}"));
    provisioner.volume(pv);
    ((com.fasterxml.jackson.databind.node.ObjectNode) pv).putObject("status").put("phase", "Released");
    provisioner.volume(pv);
    assertEquals(List.of("remove /data/n1/pvc-u1_ns_data"), disk);
    assertEquals(List.of("DELETE /api/v1/persistentvolumes/pvc-u1"), calls);
  }

  private static JsonNode claim(String node, String provisioner, String volumeName) {
    try {
      return JSON.readTree("{\"metadata\": {\"name\": \"data\", \"namespace\": \"ns\", \"uid\": \"u1\", \"annotations\":"
          + " {\"volume.kubernetes.io/selected-node\": \"" + node + "\", \"volume.kubernetes.io/storage-provisioner\": \""
          + provisioner + "\"}}, \"spec\": {\"storageClassName\": \"local-path\", \"accessModes\": [\"ReadWriteOnce\"],"
          + " \"volumeName\": \"" + volumeName + "\", \"resources\": {\"requests\": {\"storage\": \"2Gi\"}}}}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
