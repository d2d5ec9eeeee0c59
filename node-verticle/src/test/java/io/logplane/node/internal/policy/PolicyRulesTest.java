package io.logplane.node.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.node.internal.nft.Sync;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NODE = "n1";

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s.replace('\'', '"'));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static JsonNode pod(String ns, String name, String labels, String node, String ip, String ports) {
    return json("{'metadata':{'namespace':'" + ns + "','name':'" + name + "','labels':" + labels
        + "},'spec':{'nodeName':'" + node + "','containers':[{'name':'c','ports':" + ports
        + "}]},'status':{'phase':'Running','podIP':'" + ip + "'}}");
  }

  static JsonNode policy(String ns, String name, String spec) {
    return json("{'metadata':{'namespace':'" + ns + "','name':'" + name + "'},'spec':" + spec + "}");
  }

  private static final List<JsonNode> PODS = List.of(
      pod("it", "web", "{'app':'web'}", NODE, "10.244.1.2", "[{'name':'http','containerPort':8080}]"),
      pod("it", "client", "{'role':'client'}", NODE, "10.244.1.3", "[]"),
      pod("it", "other", "{'role':'other'}", "n2", "10.244.2.3", "[]"),
      pod("prod", "far", "{'role':'client'}", "n2", "10.244.2.4", "[{'name':'http','containerPort':9090}]"));
  private static final List<JsonNode> NAMESPACES = List.of(
      json("{'metadata':{'name':'it'}}"), json("{'metadata':{'name':'prod','labels':{'env':'prod'}}}"));

  private static Sync sync(JsonNode... policies) {
    return PolicyRules.sync("lp_policy", NODE, List.of(policies), PODS, NAMESPACES, Sync.none());
  }

  @Test
  void withoutPoliciesNoPodIsIsolated() {
    Sync s = sync();
    assertEquals(Set.of(), s.elements().get("ingress-pods"));
    assertEquals(Set.of(), s.elements().get("egress-pods"));
    assertTrue(s.script().contains("add rule inet lp_policy forward ct state established,related accept\n"), s.script());
    assertTrue(s.script().contains("add rule inet lp_policy forward ip daddr vmap @ingress-pods\n"));
    assertTrue(s.script().contains("add chain inet lp_policy input { type filter hook input"));
  }

  @Test
  void anEmptyIngressPolicyDeniesAllIngressOfTheSelectedPodsOnThisNodeOnly() {
    Sync s = sync(policy("it", "deny", "{'podSelector':{}}"));
    assertEquals(Set.of("10.244.1.2 : jump ingress-10.244.1.2", "10.244.1.3 : jump ingress-10.244.1.3"),
        s.elements().get("ingress-pods"), "10.244.2.3 runs on another node, which isolates it");
    assertEquals(List.of("goto ingress-denied"), s.chains().get("ingress-10.244.1.2"));
    assertEquals(Set.of(), s.elements().get("egress-pods"), "policyTypes defaults to Ingress alone");
  }

  @Test
  void aPodSelectorPeerAndAPortAllowOnlyThosePodsOnThatPort() {
    Sync s = sync(policy("it", "web", "{'podSelector':{'matchLabels':{'app':'web'}},'ingress':[{'from':"
        + "[{'podSelector':{'matchLabels':{'role':'client'}}}],'ports':[{'port':8080},{'protocol':'UDP','port':53,'endPort':54}]}]}"));
    assertEquals(List.of(
        "ip saddr { 10.244.1.3 } meta l4proto tcp th dport 8080 accept",
        "ip saddr { 10.244.1.3 } meta l4proto udp th dport 53-54 accept",
        "goto ingress-denied"), s.chains().get("ingress-10.244.1.2"),
        "the client of namespace prod is not selected: a pod selector alone keeps to the policy's namespace");
    assertNull(s.chains().get("ingress-10.244.1.3"), "the client is not selected");
  }

  @Test
  void aNamespaceSelectorPicksPodsOfLabelledNamespacesAndTheNameLabelIsImplied() {
    Sync s = sync(policy("it", "ns", "{'podSelector':{'matchLabels':{'app':'web'}},'ingress':[{'from':["
        + "{'namespaceSelector':{'matchLabels':{'env':'prod'}}},"
        + "{'namespaceSelector':{'matchLabels':{'kubernetes.io/metadata.name':'it'}},'podSelector':{'matchLabels':{'role':'other'}}}]}]}"));
    assertEquals(List.of("ip saddr { 10.244.2.4 } accept", "ip saddr { 10.244.2.3 } accept", "goto ingress-denied"),
        s.chains().get("ingress-10.244.1.2"));
  }

  @Test
  void anIpBlockAllowsItsCidrLessItsExceptions() {
    Sync s = sync(policy("it", "block", "{'podSelector':{'matchLabels':{'app':'web'}},'ingress':[{'from':"
        + "[{'ipBlock':{'cidr':'10.244.0.0/16','except':['10.244.1.3/32','10.244.2.0/24']}}]}]}"));
    assertEquals(List.of("ip saddr 10.244.0.0/16 ip saddr != { 10.244.1.3/32, 10.244.2.0/24 } accept",
        "goto ingress-denied"), s.chains().get("ingress-10.244.1.2"));
  }

  @Test
  void aNamedPortIsTheTargetPodsOwnNumber() {
    Sync s = sync(policy("it", "named", "{'podSelector':{},'ingress':[{'ports':[{'port':'http'}]}]}"));
    assertEquals(List.of("meta l4proto tcp ip daddr . th dport { 10.244.1.2 . 8080 } accept", "goto ingress-denied"),
        s.chains().get("ingress-10.244.1.2"));
    assertEquals(List.of("goto ingress-denied"), s.chains().get("ingress-10.244.1.3"),
        "a pod without that port name allows nothing by the rule");
  }

  @Test
  void egressRulesIsolateForEgressByDefaultAndReturnToTheIngressCheck() {
    Sync s = sync(policy("it", "out", "{'podSelector':{'matchLabels':{'role':'client'}},'egress':[{'to':"
        + "[{'namespaceSelector':{}}],'ports':[{'port':'http'}]}]}"));
    assertEquals(Set.of("10.244.1.3 : jump egress-10.244.1.3"), s.elements().get("egress-pods"));
    assertEquals(Set.of("10.244.1.3 : jump ingress-10.244.1.3"), s.elements().get("ingress-pods"),
        "without policyTypes, a policy with egress rules is an Ingress and an Egress policy");
    assertEquals(List.of("ip daddr { 10.244.1.2, 10.244.1.3, 10.244.2.3, 10.244.2.4 } meta l4proto tcp"
        + " ip daddr . th dport { 10.244.1.2 . 8080, 10.244.2.4 . 9090 } return", "goto egress-denied"),
        s.chains().get("egress-10.244.1.3"), "a named port is each destination's own number");
  }

  @Test
  void onlyPolicyTypesDecideTheDirectionsWhenGiven() {
    Sync s = sync(policy("it", "egress-only", "{'podSelector':{},'policyTypes':['Egress']}"));
    assertEquals(Set.of(), s.elements().get("ingress-pods"));
    assertEquals(List.of("goto egress-denied"), s.chains().get("egress-10.244.1.2"));
  }

  @Test
  void aPeerThatSelectsNoPodAllowsNothingAndHostNetworkAndFinishedPodsAreLeftOut() {
    List<JsonNode> pods = new java.util.ArrayList<>(PODS);
    pods.add(json("{'metadata':{'namespace':'it','name':'host','labels':{'role':'none'}},'spec':{'nodeName':'n1',"
        + "'hostNetwork':true},'status':{'podIP':'192.0.2.1'}}"));
    pods.add(json("{'metadata':{'namespace':'it','name':'done','labels':{'role':'none'}},'spec':{'nodeName':'n1'},"
        + "'status':{'phase':'Succeeded','podIP':'10.244.1.9'}}"));
    Sync s = PolicyRules.sync("lp_policy", NODE, List.of(policy("it", "p", "{'podSelector':{},'ingress':[{'from':"
        + "[{'podSelector':{'matchLabels':{'role':'none'}}}]}]}")), pods, NAMESPACES, Sync.none());
    assertEquals(List.of("goto ingress-denied"), s.chains().get("ingress-10.244.1.2"));
    assertEquals(2, s.elements().get("ingress-pods").size());
  }

  @Test
  void aDeletedPolicyTakesItsChainsAndElementsAway() {
    Sync first = sync(policy("it", "deny", "{'podSelector':{'matchLabels':{'app':'web'}}}"));
    Sync second = PolicyRules.sync("lp_policy", NODE, List.of(), PODS, NAMESPACES, first);
    assertTrue(second.script().contains("delete element inet lp_policy ingress-pods { 10.244.1.2 }\n"), second.script());
    assertTrue(second.script().contains("delete chain inet lp_policy ingress-10.244.1.2\n"), second.script());
    assertFalse(second.script().contains("delete table"), "a later sync changes only what changed");
    assertTrue(second.script().indexOf("delete element") < second.script().indexOf("delete chain"),
        "the element that jumps to the chain goes first");
  }

  @Test
  void aPodChangeThatChangesNoRuleMakesNoScript() {
    Sync first = PolicyRules.sync("lp_policy", NODE, List.of(), PODS, NAMESPACES, Sync.none());
    List<JsonNode> more = new java.util.ArrayList<>(PODS);
    more.add(json("{'metadata':{'namespace':'it','name':'new','labels':{'app':'web'}},'spec':{'nodeName':'n1'},"
        + "'status':{'podIP':'10.244.1.7'}}"));
    Sync second = PolicyRules.sync("lp_policy", NODE, List.of(), more, NAMESPACES, first);
    assertEquals("", second.script(), "no policy: a new pod changes nothing in the table");
    assertTrue(first.script().startsWith("add table inet lp_policy\ndelete table"), "the first sync makes the table");
  }
}
