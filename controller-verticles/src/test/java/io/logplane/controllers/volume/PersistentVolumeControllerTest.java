package io.logplane.controllers.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.MemoryCluster;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.volumes.Volumes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binder over an in-memory cluster: binding, waiting for a consumer, provisioning, reclaiming. */
class PersistentVolumeControllerTest {

  private final MemoryCluster cluster = new MemoryCluster();
  private final List<Controller> controllers = PersistentVolumeController.controllers(cluster.context(Clock.systemUTC()));
  private final Controller claims = controllers.get(0);
  private final Controller volumes = controllers.get(1);

  @Test
  void anImmediateClaimBindsTheSmallestVolumeThatFits() throws Exception {
    volume("small", "manual", "500Mi", "");
    volume("other-class", "fast", "2Gi", "");
    volume("fits", "manual", "2Gi", "");
    volume("big", "manual", "5Gi", "");
    claim("data", "\"storageClassName\": \"manual\", ", "");
    claims.reconciler().reconcile("core/persistentvolumeclaims/ns/data");

    ObjectNode pv = cluster.get(Key.parse("core/persistentvolumes//fits"));
    assertEquals("data", pv.path("spec").path("claimRef").path("name").asText(), cluster.writes.toString());
    assertEquals("uid-data", pv.path("spec").path("claimRef").path("uid").asText());
    assertEquals("yes", Volumes.annotation(pv, Volumes.BOUND_BY_CONTROLLER));
    assertEquals("Bound", Volumes.phase(pv));
    ObjectNode pvc = claimNow("data");
    assertEquals("fits", pvc.path("spec").path("volumeName").asText());
    assertEquals("yes", Volumes.annotation(pvc, Volumes.BIND_COMPLETED));
    assertEquals("yes", Volumes.annotation(pvc, Volumes.BOUND_BY_CONTROLLER));
    assertEquals("Bound", Volumes.phase(pvc));
    assertEquals("2Gi", pvc.path("status").path("capacity").path("storage").asText());
    assertEquals("Available", Volumes.phase(cluster.get(Key.parse("core/persistentvolumes//big"))));

    int writes = cluster.writes.size();
    claims.reconciler().reconcile("core/persistentvolumeclaims/ns/data");
    volumes.reconciler().reconcile("core/persistentvolumes//fits");
    assertEquals(writes, cluster.writes.size(), "a bound pair is left alone: " + cluster.writes);
  }

  @Test
  void aClaimWithoutClassGetsTheDefaultOneThenWaitsForItsFirstConsumer() throws Exception {
    localPath();
    claim("data", "", "");
    claims.reconciler().reconcile("core/persistentvolumeclaims/ns/data");
    assertEquals("local-path", claimNow("data").path("spec").path("storageClassName").asText());

    claims.reconciler().reconcile("core/persistentvolumeclaims/ns/data");
    assertEquals(List.of("waiting for first consumer to be created before binding"), messages("WaitForFirstConsumer"));
    assertEquals("Pending", Volumes.phase(claimNow("data")));
    assertNull(Volumes.annotation(claimNow("data"), Volumes.STORAGE_PROVISIONER));

    cluster.put(Key.parse("core/pods/ns/web-0"), object("{\"metadata\": {\"name\": \"web-0\", \"namespace\": \"ns\"},"
        + " \"spec\": {\"volumes\": [{\"name\": \"d\", \"persistentVolumeClaim\": {\"claimName\": \"data\"}}]}}"));
    claims.reconciler().reconcile("core/persistentvolumeclaims/ns/data");
    assertEquals(List.of("waiting for pod web-0 to be scheduled"), messages("WaitForPodScheduled"));
  }

  @Test
  void aClaimWithASelectedNodeIsHandedToItsProvisioner() throws Exception {
    localPath();
    volume("static", "local-path", "5Gi", ""); // binding waits for the scheduler: never chosen here
    claim("data", "\"storageClassName\": \"local-path\", ", ", \"annotations\": {\"" + Volumes.SELECTED_NODE
        + "\": \"node-1\"}");
    claims.reconciler().reconcile("core/persistentvolumeclaims/ns/data");
    ObjectNode pvc = claimNow("data");
    assertEquals("logplane.io/local-path", Volumes.annotation(pvc, Volumes.STORAGE_PROVISIONER));
    assertEquals("logplane.io/local-path", Volumes.annotation(pvc, Volumes.BETA_STORAGE_PROVISIONER));
    assertEquals(List.of("Waiting for a volume to be created either by the external provisioner 'logplane.io/local-path'"
        + " or manually by the system administrator. If volume creation is delayed, please verify that the provisioner"
        + " is running and correctly registered."), messages("ExternalProvisioning"));
    assertEquals("", pvc.path("spec").path("volumeName").asText());

    // the provisioner's volume, pre-bound to the claim, completes the binding
    volume("pvc-uid-data", "local-path", "1Gi", ", \"claimRef\": {\"namespace\": \"ns\", \"name\": \"data\", \"uid\":"
        + " \"uid-data\"}");
    claims.reconciler().reconcile("core/persistentvolumeclaims/ns/data");
    assertEquals("pvc-uid-data", claimNow("data").path("spec").path("volumeName").asText());
    assertEquals("Bound", Volumes.phase(claimNow("data")));
    ObjectNode pv = cluster.get(Key.parse("core/persistentvolumes//pvc-uid-data"));
    assertNull(Volumes.annotation(pv, Volumes.BOUND_BY_CONTROLLER), "the provisioner bound it, not the binder");
    assertEquals("Bound", Volumes.phase(pv));
  }

  @Test
  void aVolumeWhoseClaimIsGoneIsReleasedForItsProvisionerOrFailsWithoutOne() throws Exception {
    String ref = ", \"claimRef\": {\"namespace\": \"ns\", \"name\": \"gone\", \"uid\": \"u1\"}, "
        + "\"persistentVolumeReclaimPolicy\": \"Delete\"";
    volume("provisioned", "local-path", "1Gi", ref);
    ObjectNode pv = cluster.get(Key.parse("core/persistentvolumes//provisioned")).deepCopy();
    Volumes.annotate(pv, Volumes.PROVISIONED_BY, "logplane.io/local-path");
    cluster.put(Key.parse("core/persistentvolumes//provisioned"), pv);
    volume("manual", "", "1Gi", ref);
    volumes.reconciler().reconcile("core/persistentvolumes//provisioned");
    volumes.reconciler().reconcile("core/persistentvolumes//manual");
    assertEquals("Released", Volumes.phase(cluster.get(Key.parse("core/persistentvolumes//provisioned"))));
    assertEquals("Failed", Volumes.phase(cluster.get(Key.parse("core/persistentvolumes//manual"))));
    assertEquals(List.of("error getting deleter volume plugin for volume \"manual\": no deletable volume plugin matched"),
        messages("VolumeFailedDelete"));
  }

  @Test
  void aClaimNamingAVolumeTooSmallIsToldWhy() throws Exception {
    volume("tiny", "", "100Mi", "");
    claim("data", "\"volumeName\": \"tiny\", ", "");
    claims.reconciler().reconcile("core/persistentvolumeclaims/ns/data");
    assertEquals(List.of("Cannot bind to requested volume \"tiny\": requested PV is too small"), messages("VolumeMismatch"));
    assertTrue(Volumes.claimRef(cluster.get(Key.parse("core/persistentvolumes//tiny"))) == null);
  }

  private void localPath() {
    cluster.put(Key.parse("storage.k8s.io/storageclasses//local-path"), object("{\"metadata\": {\"name\": \"local-path\","
        + " \"annotations\": {\"" + Volumes.DEFAULT_CLASS + "\": \"true\"}}, \"provisioner\": \"logplane.io/local-path\","
        + " \"volumeBindingMode\": \"WaitForFirstConsumer\", \"reclaimPolicy\": \"Delete\"}"));
  }

  private void volume(String name, String cls, String size, String spec) {
    cluster.put(Key.parse("core/persistentvolumes//" + name), object("{\"metadata\": {\"name\": \"" + name + "\"},"
        + " \"spec\": {\"storageClassName\": \"" + cls + "\", \"capacity\": {\"storage\": \"" + size + "\"},"
        + " \"accessModes\": [\"ReadWriteOnce\"]" + spec + "}, \"status\": {\"phase\": \"Available\"}}"));
  }

  private void claim(String name, String spec, String meta) {
    cluster.put(Key.parse("core/persistentvolumeclaims/ns/" + name), object("{\"metadata\": {\"name\": \"" + name
        + "\", \"namespace\": \"ns\", \"uid\": \"uid-" + name + "\"" + meta + "}, \"spec\": {" + spec
        + "\"accessModes\": [\"ReadWriteOnce\"], \"resources\": {\"requests\": {\"storage\": \"1Gi\"}}}}"));
  }

  private ObjectNode claimNow(String name) {
    return cluster.get(Key.parse("core/persistentvolumeclaims/ns/" + name));
  }

  private List<String> messages(String reason) {
    return cluster.list("core/events/").stream().filter(e -> e.path("reason").asText().equals(reason))
        .map(e -> e.path("message").asText()).toList();
  }

  private static ObjectNode object(String json) {
    return Json.object(json.getBytes(StandardCharsets.UTF_8));
  }

}
