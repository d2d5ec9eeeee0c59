package io.logplane.node.internal.policy;

import static io.logplane.node.internal.policy.PolicyRulesTest.json;
import static io.logplane.node.internal.policy.PolicyRulesTest.pod;
import static io.logplane.node.internal.policy.PolicyRulesTest.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.node.internal.nft.Sync;
import io.logplane.node.internal.nft.WatchedObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The node keeps of each pod and namespace only what its policy rules read. */
class KeptPodsTest {

  private static final List<JsonNode> PODS = List.of(
      pod("it", "web", "{'app':'web'}", "n1", "10.244.1.2", "[{'name':'http','containerPort':8080}]"),
      pod("it", "client", "{'role':'client'}", "n1", "10.244.1.3", "[]"),
      pod("prod", "far", "{'role':'client'}", "n2", "10.244.2.4", "[{'name':'http','containerPort':9090}]"),
      json("{'metadata':{'namespace':'it','name':'host','labels':{'role':'client'}},'spec':{'nodeName':'n1',"
          + "'hostNetwork':true},'status':{'podIP':'192.0.2.1'}}"));
  private static final List<JsonNode> NAMESPACES = List.of(
      json("{'metadata':{'name':'it','uid':'u1'},'status':{'phase':'Active'}}"),
      json("{'metadata':{'name':'prod','labels':{'env':'prod'}},'spec':{'finalizers':['kubernetes']}}"));

  @Test
  void theRulesOfWhatIsKeptAreTheRulesOfTheWholeObjects() {
    List<JsonNode> keptPods = new ArrayList<>();
    PODS.forEach(p -> {
      if (PolicyPod.kept(p) != null) {
        keptPods.add(PolicyPod.kept(p));
      }
    });
    assertEquals(3, keptPods.size(), "the host-network pod takes no part: " + keptPods);
    List<JsonNode> keptNamespaces = NAMESPACES.stream().map(PolicyMatches::keptNamespace).toList();
    for (JsonNode p : List.of(
        policy("it", "named", "{'podSelector':{},'ingress':[{'ports':[{'port':'http'}]}]}"),
        policy("it", "ns", "{'podSelector':{'matchLabels':{'app':'web'}},'ingress':[{'from':["
            + "{'namespaceSelector':{'matchLabels':{'env':'prod'}}}]}]}"),
        policy("it", "out", "{'podSelector':{'matchLabels':{'role':'client'}},'egress':[{'to':"
            + "[{'namespaceSelector':{}}],'ports':[{'port':'http'}]}]}"))) {
      assertEquals(PolicyRules.sync("t", "n1", List.of(p), PODS, NAMESPACES, Sync.none()).script(),
          PolicyRules.sync("t", "n1", List.of(p), keptPods, keptNamespaces, Sync.none()).script(), p.toString());
    }
  }

  @Test
  void onlyAChangeOfWhatIsKeptAsksForASync() {
    AtomicInteger syncs = new AtomicInteger();
    WatchedObjects pods = new WatchedObjects(syncs::incrementAndGet, PolicyPod::kept);
    pods.listed(List.of());
    assertEquals(1, syncs.get(), "the first list");

    ObjectNode pending = (ObjectNode) json("{'metadata':{'namespace':'it','name':'p','resourceVersion':'5',"
        + "'labels':{'app':'web'}},'spec':{'containers':[{'name':'c','image':'busybox'}]},'status':{'phase':'Pending'}}");
    pods.changed("ADDED", pending);
    pending.with("spec").put("nodeName", "n2");
    pods.changed("MODIFIED", pending);
    assertEquals(1, syncs.get(), "a pod without an address is not kept: no sync");
    assertEquals(List.of(), pods.values());

    ObjectNode running = pending.deepCopy();
    running.with("status").put("phase", "Running").put("podIP", "10.244.2.9");
    pods.changed("MODIFIED", running);
    assertEquals(2, syncs.get(), "its address");
    assertNull(pods.values().get(0).path("metadata").get("resourceVersion"), "only what the rules read");

    running.with("metadata").put("resourceVersion", "9");
    running.with("status").putArray("conditions").addObject().put("type", "Ready").put("status", "True");
    pods.changed("MODIFIED", running);
    assertEquals(2, syncs.get(), "a condition changes no rule: no sync");

    pods.changed("DELETED", running);
    assertEquals(3, syncs.get());
    pods.changed("DELETED", pending);
    assertEquals(3, syncs.get(), "gone already");
    assertEquals(List.of(), pods.values());
  }
}
