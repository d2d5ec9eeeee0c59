package io.logplane.api.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The in-process components' writes, held to their bootstrap roles. */
class AuthorizedWriterTest {

  private final Informers informers = Informers.detached();
  private final RbacAuthorizer rbac = new RbacAuthorizer(informers);
  private final List<String> written = new ArrayList<>();
  private final ObjectWriter recording = new ObjectWriter() {
    @Override
    public CompletableFuture<ObjectNode> create(Key key, ObjectNode object) {
      written.add("create " + key);
      return CompletableFuture.completedFuture(object);
    }

    @Override
    public CompletableFuture<ObjectNode> update(Key key, ObjectNode object) {
      written.add("update " + key);
      return CompletableFuture.completedFuture(object);
    }

    @Override
    public CompletableFuture<ObjectNode> updateSubresource(Key key, String subresource, ObjectNode object) {
      written.add("update " + key + "/" + subresource);
      return CompletableFuture.completedFuture(object);
    }

    @Override
    public CompletableFuture<ObjectNode> delete(Key key, String uid, String propagation) {
      written.add("delete " + key);
      return CompletableFuture.completedFuture(null);
    }
  };

  AuthorizedWriterTest() {
    for (ObjectNode o : BootstrapPolicy.objects()) {
      String key = BootstrapPolicy.key(o);
      informers.informer(key.substring(0, key.indexOf('/', key.indexOf('/') + 1) + 1)).apply(key, o, 1);
    }
  }

  private ObjectWriter as(String actor) {
    return new AuthorizedWriter(recording, () -> rbac, AuthorizedWriter.user(actor));
  }

  @Test
  void aControllerWritesWhatItsRoleGrantsAndNothingElse() throws Exception {
    ObjectWriter deployments = as("system:serviceaccount:kube-system:deployment-controller");
    ObjectNode rs = Json.MAPPER.createObjectNode();
    deployments.create(new Key("apps", "replicasets", "default", "web-1"), rs).get();
    deployments.updateStatus(new Key("apps", "deployments", "default", "web"), rs).get();
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> deployments.create(new Key("core", "secrets", "default", "s"), rs).get());
    assertTrue(e.getCause() instanceof WriteRefused r && r.reason().code == 403, e.getCause().toString());
    assertEquals("secrets \"s\" is forbidden: User \"system:serviceaccount:kube-system:deployment-controller\" cannot"
        + " create resource \"secrets\" in API group \"\" in the namespace \"default\"", e.getCause().getMessage());
    assertEquals(List.of("create apps/replicasets/default/web-1", "update apps/deployments/default/web/status"), written);

    as("system:serviceaccount:kube-system:horizontal-pod-autoscaler").scale(
        new Key("apps", "deployments", "default", "web"), rs).get();
    assertThrows(ExecutionException.class, () -> as("system:serviceaccount:kube-system:horizontal-pod-autoscaler")
        .update(new Key("apps", "deployments", "default", "web"), rs).get());
  }

  @Test
  void theSchedulerBindsAndTheApiServerMayDoAnything() throws Exception {
    ObjectWriter scheduler = as("system:kube-scheduler");
    scheduler.bind(new Key("core", "pods", "default", "p"), "uid", "n1").get();
    assertThrows(ExecutionException.class, () -> scheduler.delete(new Key("core", "nodes", "", "n1"), null, null).get());
    as("system:apiserver").create(new Key("core", "services", "default", "kubernetes"), Json.MAPPER.createObjectNode())
        .get();
    assertEquals(List.of("update core/pods/default/p/binding", "create core/services/default/kubernetes"), written);
  }
}
