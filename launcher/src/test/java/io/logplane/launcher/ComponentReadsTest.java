package io.logplane.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.rbac.AuthorizedWriter;
import io.logplane.api.rbac.BootstrapPolicy;
import io.logplane.api.rbac.RbacAuthorizer;
import io.logplane.projections.informers.Informers;
import org.junit.jupiter.api.Test;

/** The components' reads through the shared caches, held to kube's bootstrap roles. */
class ComponentReadsTest {

  private final Informers informers = Informers.detached();
  private final RbacAuthorizer rbac = new RbacAuthorizer(informers);

  ComponentReadsTest() {
    for (ObjectNode o : BootstrapPolicy.objects()) {
      String key = BootstrapPolicy.key(o);
      informers.informer(key.substring(0, key.indexOf('/', key.indexOf('/') + 1) + 1)).apply(key, o, 1);
    }
  }

  @Test
  void theSchedulerReadsWhatItsRolesGrantAndNoSecret() {
    Informers.ReadCheck scheduler = ComponentReads.of(rbac, AuthorizedWriter.user("system:kube-scheduler"));
    for (String prefix : new String[] {"core/pods/", "core/nodes/", "policy/poddisruptionbudgets/",
        "core/persistentvolumeclaims/", "core/persistentvolumes/", "storage.k8s.io/storageclasses/"}) {
      assertNull(scheduler.refusal(prefix), prefix);
    }
    assertEquals("secrets is forbidden: User \"system:kube-scheduler\" cannot list resource \"secrets\" in API group"
        + " \"\" at the cluster scope", scheduler.refusal("core/secrets/"));
    Informers view = informers.readBy(scheduler);
    assertSame(informers.informer("core/pods/"), view.informer("core/pods/"), "the caches are shared");
    assertThrows(SecurityException.class, () -> view.informer("core/secrets/"));
  }

  @Test
  void theControllerManagerListsAndWatchesEverything() {
    Informers.ReadCheck manager = ComponentReads.of(rbac, AuthorizedWriter.user("system:kube-controller-manager"));
    assertNull(manager.refusal("core/secrets/"));
    assertNull(manager.refusal("apps/replicasets/"));
    assertEquals("system:anyone may not read nothing: not a resource's keys",
        ComponentReads.of(rbac, AuthorizedWriter.user("system:anyone")).refusal("nothing"));
  }
}
