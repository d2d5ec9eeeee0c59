package io.logplane.node.internal.proxy;

import static io.logplane.node.internal.proxy.ProxyRulesTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServicePortsTest {

  @Test
  void aServicePortGetsTheEndpointsOfItsSlicesPortOfTheSameName() {
    var svc = json("{'metadata':{'namespace':'ns','name':'web'},'spec':{'type':'LoadBalancer',"
        + "'clusterIP':'10.96.0.10','sessionAffinity':'ClientIP','externalTrafficPolicy':'Local',"
        + "'ports':[{'name':'http','port':80,'nodePort':30080,'targetPort':'web'},{'name':'missing','port':81}]},"
        + "'status':{'loadBalancer':{'ingress':[{'ip':'10.200.0.1'}]}}}");
    var slice = json("{'metadata':{'namespace':'ns','name':'web-x','labels':{'kubernetes.io/service-name':'web'}},"
        + "'addressType':'IPv4','ports':[{'name':'http','port':8080,'protocol':'TCP'}],'endpoints':["
        + "{'addresses':['10.244.1.2'],'conditions':{'ready':true},'nodeName':'n1'},"
        + "{'addresses':['10.244.1.3'],'conditions':{'ready':false},'nodeName':'n2'},"
        + "{'addresses':['10.244.1.4'],'nodeName':'n2'}]}");
    var other = json("{'metadata':{'namespace':'other','name':'web-y','labels':{'kubernetes.io/service-name':'web'}},"
        + "'ports':[{'name':'http','port':9}],'endpoints':[{'addresses':['10.244.9.9']}]}");
    List<ProxiedPort> ports = ServicePorts.of(List.of(svc), List.of(slice, other), "n1");
    assertEquals(List.of(
        new ProxiedPort("ns/web/tcp/http", "tcp", "10.96.0.10", List.of("10.200.0.1"), 80, 30080,
            10800, true, false, List.of(new ProxiedPort.Endpoint("10.244.1.2", 8080, true, true),
                new ProxiedPort.Endpoint("10.244.1.3", 8080, false, false),
                new ProxiedPort.Endpoint("10.244.1.4", 8080, true, false))),
        new ProxiedPort("ns/web/tcp/missing", "tcp", "10.96.0.10", List.of("10.200.0.1"), 81, 0,
            10800, true, false, List.of())), ports);
  }

  @Test
  void headlessAndExternalNameServicesGetNoVirtualIp() {
    var headless = json("{'metadata':{'namespace':'ns','name':'h'},'spec':{'clusterIP':'None','ports':[{'port':80}]}}");
    var external = json("{'metadata':{'namespace':'ns','name':'e'},'spec':{'type':'ExternalName','externalName':'x.org'}}");
    assertEquals(List.of(), ServicePorts.of(List.of(headless, external), List.of(), "n1"));
  }
}
