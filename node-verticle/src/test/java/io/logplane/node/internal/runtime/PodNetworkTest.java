package io.logplane.node.internal.runtime;

import static io.logplane.node.internal.runtime.ContainerEnvTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PodNetworkTest {

  @Test
  void aBridgeWithTheGatewayNoMasqueradeAndHostLocalAddressesFromThePodCidr() {
    assertEquals("{\"cniVersion\":\"1.0.0\",\"name\":\"logplane\",\"type\":\"bridge\",\"bridge\":\"lp0\","
        + "\"isGateway\":true,\"ipMasq\":false,\"hairpinMode\":true,\"ipam\":{\"type\":\"host-local\","
        + "\"dataDir\":\"/data/ipam\",\"ranges\":[[{\"subnet\":\"10.244.1.0/24\"}]],"
        + "\"routes\":[{\"dst\":\"0.0.0.0/0\"}]}}",
        PodNetwork.config("lp0", "10.244.1.0/24", Path.of("/data/ipam")).toString());
  }

  @Test
  void theAddressOfAResult() {
    assertEquals("10.244.1.2", PodNetwork.ip(json("{'cniVersion':'1.0.0','ips':[{'interface':2,"
        + "'address':'10.244.1.2/24','gateway':'10.244.1.1'}]}")));
    assertThrows(IllegalStateException.class, () -> PodNetwork.ip(json("{'ips':[]}")));
  }

  @Test
  void theHostPortsOfThePodsContainersAsPortmapTakesThem() {
    var mappings = PodNetwork.portMappings(json("{'spec':{'containers':[{'name':'a','ports':["
        + "{'containerPort':80},{'containerPort':8080,'hostPort':18080},"
        + "{'containerPort':53,'hostPort':5353,'protocol':'UDP','hostIP':'127.0.0.1'}]},{'name':'b'}],"
        + "'initContainers':[{'name':'i','ports':[{'containerPort':1,'hostPort':1}]}]}}"));
    assertEquals("[{\"hostPort\":18080,\"containerPort\":8080,\"protocol\":\"tcp\"},"
        + "{\"hostPort\":5353,\"containerPort\":53,\"protocol\":\"udp\",\"hostIP\":\"127.0.0.1\"}]",
        mappings.toString());
    assertEquals("{\"cniVersion\":\"1.0.0\",\"name\":\"logplane\",\"type\":\"portmap\",\"snat\":true,"
        + "\"capabilities\":{\"portMappings\":true},\"runtimeConfig\":{\"portMappings\":" + mappings + "}}",
        PodNetwork.portMapConfig(mappings).toString());
  }

  @Test
  void aBridgeKeepsOnlyTheGatewayOfItsPodCidr() {
    String shown = "1288: lp0    inet 10.244.255.1/24 brd 10.244.255.255 scope global lp0\\       valid_lft forever\n"
        + "1288: lp0    inet 10.244.0.1/24 brd 10.244.0.255 scope global lp0\\       valid_lft forever\n";
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("10.244.255.1/24"),
        PodNetwork.foreignAddresses(shown, "10.244.0.0/24"));
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), PodNetwork.foreignAddresses(shown
        .lines().skip(1).findFirst().orElseThrow(), "10.244.0.0/24"));
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), PodNetwork.foreignAddresses("", "10.244.0.0/24"));
    org.junit.jupiter.api.Assertions.assertEquals("10.50.3.1/24", PodNetwork.gateway("10.50.3.0/24"));
    org.junit.jupiter.api.Assertions.assertEquals("10.96.0.1/12", PodNetwork.gateway("10.100.0.0/12"));
  }
}
