package io.logplane.controllers.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.MemoryCluster;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.selectors.LabelSelector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Claims over an in-memory cluster: the owner a pass read may be stale, so before adopting it is
 * read again ({@code canAdopt}): replaced by another of its name or being deleted meanwhile, it
 * adopts nothing; still current, it adopts.
 */
class ClaimsTest {

  private static final Key OWNER = Key.parse("apps/daemonsets/ns/agent");
  private final MemoryCluster cluster = new MemoryCluster();
  private final Claims claims = new Claims(cluster, "core", "pods", cluster.informers.informer("apps/daemonsets/"));
  private final LabelSelector selector = LabelSelector.parse("app=agent");

  @Test
  void adoptsWhenTheOwnerIsStillCurrent() throws Exception {
    ObjectNode read = owner("uid-1", false);
    List<ObjectNode> claimed = claim(read);
    assertEquals(1, claimed.size());
    assertEquals("uid-1", orphan().at("/metadata/ownerReferences/0/uid").asText());
  }

  @Test
  void adoptsNothingOnceTheOwnerWasReplacedByAnotherOfItsName() throws Exception {
    ObjectNode read = owner("uid-1", false);
    owner("uid-2", false);
    assertTrue(claim(read).isEmpty());
    assertTrue(orphan().path("metadata").path("ownerReferences").isMissingNode());
  }

  @Test
  void adoptsNothingOnceTheOwnerIsBeingDeleted() throws Exception {
    ObjectNode read = owner("uid-1", false);
    owner("uid-1", true);
    assertTrue(claim(read).isEmpty());
    assertTrue(orphan().path("metadata").path("ownerReferences").isMissingNode());
  }

  private List<ObjectNode> claim(ObjectNode owner) throws Exception {
    cluster.put(Key.parse("core/pods/ns/p"), json("""
        {"metadata": {"name": "p", "namespace": "ns", "uid": "p", "labels": {"app": "agent"}}}"""));
    return claims.claim(owner, Owners.newControllerRef(owner, "apps/v1", "DaemonSet"), selector,
        cluster.list("core/pods/"));
  }

  private ObjectNode orphan() {
    return cluster.get(Key.parse("core/pods/ns/p"));
  }

  private ObjectNode owner(String uid, boolean deleting) {
    ObjectNode o = json("""
        {"metadata": {"name": "agent", "namespace": "ns", "uid": "%s"}}""".formatted(uid));
    if (deleting) {
      Metadata.of(o).put("deletionTimestamp", "2026-01-01T00:00:00Z");
    }
    return cluster.put(OWNER, o).deepCopy();
  }

  private static ObjectNode json(String s) {
    return Json.object(s.getBytes(StandardCharsets.UTF_8));
  }
}
