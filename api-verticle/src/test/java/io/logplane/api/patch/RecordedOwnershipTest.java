package io.logplane.api.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Checks field tracking against a Pod as a real kube-apiserver 1.28 stored it (created by a Go
 * client, then changed by admission). The fields admission adds after the field manager ran
 * are taken out first; what remains must be owned exactly as the recorded managedFields say.
 */
class RecordedOwnershipTest {

  @Test
  void createOfARecordedPodMatchesKubesFieldsV1() throws IOException {
    ObjectNode stored;
    try (InputStream in = getClass().getResourceAsStream("pod-created-by-go-http-client.json")) {
      stored = (ObjectNode) Json.MAPPER.readTree(in);
    }
    JsonNode recorded = stored.at("/metadata/managedFields/0");
    ObjectNode created = Ownership.withoutManagedFields(stored);
    ObjectNode spec = (ObjectNode) created.get("spec");
    // added by the ServiceAccount, DefaultTolerationSeconds and Priority admission plugins
    spec.remove(java.util.List.of("volumes", "serviceAccountName", "serviceAccount", "tolerations", "priority",
        "preemptionPolicy"));
    ((ObjectNode) spec.at("/containers/0")).remove("volumeMounts");

    ObjectNode r = ServerSideApply.trackUpdate(null, created, "Go-http-client", ServerSideApply.UPDATE,
        Fixtures.PODS, recorded.get("time").asText());
    assertEquals(recorded, r.at("/metadata/managedFields/0"));
    assertEquals(1, r.at("/metadata/managedFields").size());
  }
}
