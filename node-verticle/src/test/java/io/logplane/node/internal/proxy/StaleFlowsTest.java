package io.logplane.node.internal.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StaleFlowsTest {

  private static ProxiedPort.Endpoint ready(String ip) {
    return new ProxiedPort.Endpoint(ip, 53, true, true);
  }

  private static ProxiedPort udp(int nodePort, ProxiedPort.Endpoint... endpoints) {
    return new ProxiedPort("kube-system/dns/udp/dns", "udp", "10.96.0.10", List.of("10.112.0.5"), 53, nodePort, 0,
        false, false, List.of(endpoints));
  }

  @Test
  void anEndpointThatWentLeavesItsFlowsToEveryAddressOfThePortDeleted() {
    List<List<String>> commands = StaleFlows.commands(
        List.of(udp(31053, ready("10.244.0.5"), ready("10.244.0.6"))),
        List.of(udp(31053, ready("10.244.0.6"))));
    assertEquals(List.of(
        List.of("conntrack", "-D", "-p", "udp", "--orig-dst", "10.96.0.10", "--dst-nat", "10.244.0.5"),
        List.of("conntrack", "-D", "-p", "udp", "--orig-dst", "10.112.0.5", "--dst-nat", "10.244.0.5"),
        List.of("conntrack", "-D", "-p", "udp", "--dport", "31053", "--dst-nat", "10.244.0.5")), commands);
  }

  @Test
  void anEndpointTurnedUnreadyIsStaleAndSoAreThoseOfAPortRemoved() {
    ProxiedPort.Endpoint unready = new ProxiedPort.Endpoint("10.244.0.5", 53, false, true);
    assertEquals(List.of(List.of("conntrack", "-D", "-p", "udp", "--orig-dst", "10.96.0.10", "--dst-nat", "10.244.0.5"),
            List.of("conntrack", "-D", "-p", "udp", "--orig-dst", "10.112.0.5", "--dst-nat", "10.244.0.5")),
        StaleFlows.commands(List.of(udp(0, ready("10.244.0.5"), ready("10.244.0.6"))),
            List.of(udp(0, unready, ready("10.244.0.6")))));
    assertEquals(2, StaleFlows.commands(List.of(udp(0, ready("10.244.0.5"))), List.of()).size());
  }

  @Test
  void aPortThatGetsItsFirstReadyEndpointLeavesEveryFlowToItDeleted() {
    assertEquals(List.of(List.of("conntrack", "-D", "-p", "udp", "--orig-dst", "10.96.0.10"),
            List.of("conntrack", "-D", "-p", "udp", "--orig-dst", "10.112.0.5"),
            List.of("conntrack", "-D", "-p", "udp", "--dport", "31053")),
        StaleFlows.commands(List.of(udp(31053)), List.of(udp(31053, ready("10.244.0.5")))));
  }

  @Test
  void tcpPortsAndUnchangedEndpointsLeaveNothing() {
    ProxiedPort tcp = new ProxiedPort("default/web/tcp/http", "tcp", "10.96.0.20", List.of(), 80, 0, 0, false, false,
        List.of(ready("10.244.0.5")));
    assertEquals(List.of(), StaleFlows.commands(List.of(tcp), List.of()));
    assertEquals(List.of(), StaleFlows.commands(List.of(udp(0, ready("10.244.0.5"))),
        List.of(udp(0, ready("10.244.0.5")))));
  }
}
