package io.logplane.controllers.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.MemoryCluster;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngressStatusControllerTest {

  private final MemoryCluster cluster = new MemoryCluster();
  private final Reconciler controller =
      IngressStatusController.controller(cluster.context(java.time.Clock.systemUTC()), "127.0.0.1").reconciler();

  private static ObjectNode obj(String json) {
    return Json.object(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private ObjectNode ingress(String name, String classField) {
    return cluster.put(Key.parse(IngressSpec.PREFIX + "ns/" + name), obj("{'apiVersion':'networking.k8s.io/v1',"
        + "'kind':'Ingress','metadata':{'name':'" + name + "','namespace':'ns','uid':'u-" + name + "'},'spec':{"
        + classField + "'tls':[{'hosts':['a.com'],'secretName':'cert'}],'rules':[{'host':'a.com','http':{'paths':"
        + "[{'path':'/','pathType':'Prefix','backend':{'service':{'name':'svc','port':{'number':80}}}}]}}]}}"));
  }

  private List<String> events() {
    return cluster.list("core/events/").stream().map(e -> e.path("reason").asText()).sorted().toList();
  }

  @Test
  void writesTheAddressAndWarnsOnceOfAMissingServiceAndSecret() throws Exception {
    ingress("web", "");
    controller.reconcile(IngressSpec.PREFIX + "ns/web");
    ObjectNode web = cluster.get(Key.parse(IngressSpec.PREFIX + "ns/web"));
    assertEquals("127.0.0.1", web.at("/status/loadBalancer/ingress/0/ip").asText(), web.toString());
    assertEquals(List.of("SecretNotFound", "ServiceNotFound"), events());
    int writes = cluster.writes.size();

    controller.reconcile(IngressSpec.PREFIX + "ns/web");
    assertEquals(writes, cluster.writes.size(), "converged: " + cluster.writes);

    cluster.put(Key.parse("core/services/ns/svc"), obj("{'metadata':{'name':'svc','namespace':'ns'}}"));
    controller.reconcile(IngressSpec.PREFIX + "ns/web");
    assertEquals(writes, cluster.writes.size(), "a warning that no longer holds writes nothing");
  }

  @Test
  void leavesIngressesOfAnotherControllersClassAlone() throws Exception {
    cluster.put(Key.parse(IngressClasses.PREFIX + "/nginx"), obj("{'metadata':{'name':'nginx'},"
        + "'spec':{'controller':'k8s.io/ingress-nginx'}}"));
    ingress("theirs", "'ingressClassName':'nginx',");
    controller.reconcile(IngressSpec.PREFIX + "ns/theirs");
    assertTrue(cluster.get(Key.parse(IngressSpec.PREFIX + "ns/theirs")).path("status").isMissingNode());
    assertEquals(List.of(), events());
  }
}
