package io.logplane.node.internal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.node.internal.nft.Sync;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final ProxyRules.Ranges RANGES = new ProxyRules.Ranges("10.244.0.0/16", "10.96.0.0/12",
      List.of("10.200.0.0/24"));

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static ProxiedPort.Endpoint ep(String ip, boolean ready, boolean local) {
    return new ProxiedPort.Endpoint(ip, 8080, ready, local);
  }

  static ProxiedPort web(int affinity, List<ProxiedPort.Endpoint> endpoints) {
    return new ProxiedPort("ns/web/tcp/http", "tcp", "10.96.0.10", List.of(), 80, 30080, affinity,
        false, false, endpoints);
  }

  @Test
  void aClusterIpSpreadsOverItsReadyEndpointsAndTheNodePortGoesThroughTheExternalChain() {
    String s = ProxyRules.sync("lp", RANGES, List.of(web(0, List.of(ep("10.244.1.2", true, true),
        ep("10.244.1.3", true, false), ep("10.244.1.4", false, true)))), Sync.none()).script();
    assertTrue(s.contains("add element ip lp service-ips { 10.96.0.10 . tcp . 80 : goto svc-ns/web/tcp/http }"), s);
    assertTrue(s.contains("add rule ip lp svc-ns/web/tcp/http numgen random mod 2 vmap { 0 : goto"
        + " ep-ns/web/tcp/http__10.244.1.2/8080, 1 : goto ep-ns/web/tcp/http__10.244.1.3/8080 }"), s);
    assertTrue(s.contains("add rule ip lp ep-ns/web/tcp/http__10.244.1.2/8080 meta l4proto tcp dnat to 10.244.1.2:8080"), s);
    assertTrue(s.contains("add rule ip lp ep-ns/web/tcp/http__10.244.1.2/8080 ip saddr 10.244.1.2 jump mark-for-masquerade"),
        "hairpin traffic is masqueraded: " + s);
    assertFalse(s.contains("10.244.1.4"), "an unready endpoint gets nothing: " + s);
    assertTrue(s.contains("add element ip lp service-nodeports { tcp . 30080 : goto ext-ns/web/tcp/http }"), s);
    assertTrue(s.contains("add rule ip lp ext-ns/web/tcp/http goto svc-ns/web/tcp/http"), s);
    assertTrue(s.contains("add element ip lp cluster-ips { 10.96.0.10 }"), s);
    assertTrue(s.contains("add rule ip lp checks ip daddr { 10.96.0.0/12, 10.200.0.0/24 } goto unallocated"), s);
    assertTrue(s.startsWith("add table ip lp\ndelete table ip lp\nadd table ip lp\n"), "the first sync replaces the table");
  }

  @Test
  void aPortWithoutReadyEndpointsIsRejectedOnItsAddressesAndNodePort() {
    String s = ProxyRules.sync("lp", RANGES, List.of(web(0, List.of(ep("10.244.1.4", false, true)))),
        Sync.none()).script();
    assertTrue(s.contains("add element ip lp no-endpoint-services { 10.96.0.10 . tcp . 80 : goto no-endpoints }"), s);
    assertTrue(s.contains("add element ip lp no-endpoint-nodeports { tcp . 30080 : goto no-endpoints }"), s);
    assertFalse(s.contains("add element ip lp service-ips"), s);
    assertFalse(s.contains("svc-ns/web"), s);
  }

  @Test
  void clientIpAffinityRecordsAndFollowsTheClient() {
    String s = ProxyRules.sync("lp", RANGES, List.of(web(60, List.of(ep("10.244.1.2", true, true)))),
        Sync.none()).script();
    assertTrue(s.contains("add set ip lp aff-ns/web/tcp/http__10.244.1.2/8080 { type ipv4_addr ;"
        + " flags dynamic,timeout ; timeout 60s ; }"), s);
    assertTrue(s.contains("add rule ip lp svc-ns/web/tcp/http ip saddr @aff-ns/web/tcp/http__10.244.1.2/8080"
        + " goto ep-ns/web/tcp/http__10.244.1.2/8080"), s);
    assertTrue(s.contains("add rule ip lp ep-ns/web/tcp/http__10.244.1.2/8080 update"
        + " @aff-ns/web/tcp/http__10.244.1.2/8080 { ip saddr }"), s);
  }

  @Test
  void externalTrafficPolicyLocalPicksOnlyLocalEndpointsForOutsideClients() {
    ProxiedPort p = new ProxiedPort("ns/lb/tcp/", "tcp", "10.96.0.11", List.of("10.200.0.1"), 80, 0, 0,
        true, false, List.of(ep("10.244.1.2", true, false)));
    String s = ProxyRules.sync("lp", RANGES, List.of(p), Sync.none()).script();
    assertTrue(s.contains("add element ip lp service-ips { 10.96.0.11 . tcp . 80 : goto svc-ns/lb/tcp/,"
        + " 10.200.0.1 . tcp . 80 : goto ext-ns/lb/tcp/ }"), s);
    assertTrue(s.contains("add rule ip lp ext-ns/lb/tcp/ fib saddr type local goto svc-ns/lb/tcp/"), s);
    assertTrue(s.contains("add rule ip lp ext-ns/lb/tcp/ counter drop"), "no local endpoint: " + s);
  }

  @Test
  void internalTrafficPolicyLocalDropsWhenNoEndpointIsOnThisNode() {
    ProxiedPort p = new ProxiedPort("ns/in/tcp/", "tcp", "10.96.0.12", List.of(), 80, 0, 0, false, true,
        List.of(ep("10.244.1.2", true, false)));
    String s = ProxyRules.sync("lp", RANGES, List.of(p), Sync.none()).script();
    assertTrue(s.contains("add rule ip lp svc-ns/in/tcp/ counter drop"), s);
  }

  @Test
  void aLaterSyncFlushesWhatItRewritesAndDeletesWhatIsNoLongerNeeded() {
    Sync first = ProxyRules.sync("lp", RANGES, List.of(web(60, List.of(ep("10.244.1.2", true, true),
        ep("10.244.1.3", true, true)))), Sync.none());
    Sync second = ProxyRules.sync("lp", RANGES, List.of(web(60, List.of(ep("10.244.1.2", true, true),
        ep("10.244.1.3", false, true)))), first);
    String s = second.script();
    assertFalse(s.contains("delete table"), s);
    assertTrue(s.contains("flush chain ip lp ep-ns/web/tcp/http__10.244.1.3/8080\n"), s);
    assertTrue(s.indexOf("flush chain ip lp svc-ns/web/tcp/http\n") < s.indexOf("delete chain ip lp ep-ns/web/tcp/http__10.244.1.3/8080\n"),
        "the referring chain is flushed before: " + s);
    assertFalse(s.contains("flush chain ip lp ep-ns/web/tcp/http__10.244.1.2/8080"), "an unchanged chain is left alone: " + s);
    assertFalse(s.contains("element"), "no map changed: " + s);
    assertTrue(s.contains("delete set ip lp aff-ns/web/tcp/http__10.244.1.3/8080\n"), s);
    assertFalse(s.contains("delete set ip lp aff-ns/web/tcp/http__10.244.1.2/8080"),
        "the remaining endpoint keeps its clients: " + s);
    assertEquals(first.chains().size() - 1, second.chains().size());
  }

  @Test
  void aPortLosingItsLastEndpointHasItsElementsReplacedAndItsChainsDeleted() {
    Sync first = ProxyRules.sync("lp", RANGES, List.of(web(0, List.of(ep("10.244.1.2", true, true)))),
        Sync.none());
    String s = ProxyRules.sync("lp", RANGES, List.of(web(0, List.of())), first).script();
    assertTrue(s.contains("delete element ip lp service-ips { 10.96.0.10 . tcp . 80 }\n"), s);
    assertTrue(s.contains("delete element ip lp service-nodeports { tcp . 30080 }\n"), s);
    assertTrue(s.indexOf("delete element ip lp service-ips") < s.indexOf("delete chain ip lp svc-ns/web/tcp/http\n"), s);
    assertTrue(s.contains("add element ip lp no-endpoint-services { 10.96.0.10 . tcp . 80 : goto no-endpoints }"), s);
    assertFalse(s.contains("cluster-ips"), "the address stays: " + s);
    assertFalse(s.contains("add rule ip lp checks"), s);
  }

  @Test
  void aSyncWithNothingChangedIsEmpty() {
    Sync first = ProxyRules.sync("lp", RANGES, List.of(web(30, List.of(ep("10.244.1.2", true, true)))),
        Sync.none());
    Sync again = ProxyRules.sync("lp", RANGES, List.of(web(30, List.of(ep("10.244.1.2", true, true)))), first);
    assertEquals("", again.script(), "no script, so no nft process");
  }
}
