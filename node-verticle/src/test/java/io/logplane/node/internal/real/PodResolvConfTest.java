package io.logplane.node.internal.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A pod's resolv.conf for each dnsPolicy, with and without a dnsConfig, as the kubelet writes it. */
class PodResolvConfTest {

  private static final PodResolvConf HOST = new PodResolvConf(
      "nameserver 127.0.0.53\nsearch example.org\nnameserver 192.0.2.53\nnameserver ::1\noptions edns0\n");

  private static JsonNode pod(String spec) throws Exception {
    return new ObjectMapper().readTree(("{'metadata':{'namespace':'shop'},'spec':" + spec + "}").replace('\'', '"'));
  }

  @Test
  void clusterFirstNamesTheClusterDnsAndSearchesTheNamespaceFirst() throws Exception {
    String want = "nameserver 10.96.0.10\nsearch shop.svc.cluster.local svc.cluster.local cluster.local example.org\n"
        + "options ndots:5\n";
    assertEquals(want, HOST.forPod(pod("{}")));
    assertEquals(want, HOST.forPod(pod("{'dnsPolicy':'ClusterFirst'}")));
    assertEquals(want, HOST.forPod(pod("{'dnsPolicy':'ClusterFirstWithHostNet','hostNetwork':true}")));
  }

  @Test
  void theClusterDnsIsTheTenthAddressOfTheNodesServiceCidr() throws Exception {
    String dns = io.logplane.node.RealNodeOptions.of("n", java.nio.file.Path.of("/nonexistent"))
        .withRanges("10.50.0.0/16", "10.100.0.0/24").clusterDns();
    assertEquals("10.100.0.10", dns);
    assertEquals("10.96.0.10", io.logplane.node.RealNodeOptions.of("n", java.nio.file.Path.of("/nonexistent"))
        .clusterDns());
    assertEquals("nameserver 10.100.0.10\nsearch shop.svc.cluster.local svc.cluster.local cluster.local\n"
        + "options ndots:5\n", new PodResolvConf("", dns).forPod(pod("{}")));
  }

  @Test
  void defaultAndHostNetworkPodsGetTheMachinesWithoutLoopbackServers() throws Exception {
    String want = "nameserver 192.0.2.53\nsearch example.org\noptions edns0\n";
    assertEquals(want, HOST.forPod(pod("{'dnsPolicy':'Default'}")));
    assertEquals(want, HOST.forPod(pod("{'hostNetwork':true}")));
    assertEquals("", new PodResolvConf("nameserver 127.0.0.53\n").forPod(pod("{'dnsPolicy':'Default'}")));
  }

  @Test
  void dnsConfigAddsToThePolicyAndNoneTakesOnlyIt() throws Exception {
    String config = "'dnsConfig':{'nameservers':['192.0.2.1'],'searches':['ns1.example'],"
        + "'options':[{'name':'ndots','value':'2'},{'name':'edns0'}]}";
    assertEquals("nameserver 192.0.2.1\nsearch ns1.example\noptions ndots:2 edns0\n",
        HOST.forPod(pod("{'dnsPolicy':'None'," + config + "}")));
    assertEquals("nameserver 10.96.0.10\nnameserver 192.0.2.1\n"
        + "search shop.svc.cluster.local svc.cluster.local cluster.local example.org ns1.example\n"
        + "options ndots:2 edns0\n", HOST.forPod(pod("{" + config + "}")));
  }
}
