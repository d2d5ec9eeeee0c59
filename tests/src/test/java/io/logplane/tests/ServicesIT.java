package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Services end to end on a real node: a Deployment of two busybox httpd pods behind a
 * LoadBalancer Service, reached from this machine on its cluster IP, its node port and the
 * address the load-balancer controller gave it; the node learns of them only through its
 * watches of Services and EndpointSlices over the API. A Service whose selector matches nothing
 * is refused while the others keep answering; the proxy's table goes with the node's clean stop.
 */
class ServicesIT {
  private static final RealNodeFixture.Names NAMES = new RealNodeFixture.Names("services-it",
      "10.244.246.0/24", "lpit6", "logplane_it_services", "logplane-it-services");
  private static final String NODE = NAMES.node();

  @TempDir static Path dir;
  static RealNodeFixture fixture;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    fixture = RealNodeFixture.start(dir, NAMES);
    kubectl = fixture.kubectl;
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture == null) {
      return;
    }
    kubectl.run("delete", "deploy/web", "--wait=true");
    await("the pods are gone").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
        .until(() -> kubectl.json("get", "pods").path("items").size(), n -> n == 0);
    RealNodeFixture.stopCleanly(fixture);
  }

  @Test
  void aLoadBalancerServiceAnswersOnItsClusterIpNodePortAndIngressAddress() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("web.yaml", RealNodeFixture.webDeployment(1,
        "[sh, -c, \"mkdir /w && hostname > /w/index.html && exec httpd -f -p 8080 -h /w\"]",
        "ports: [{name: http, containerPort: 8080}]",
        "readinessProbe: {httpGet: {path: /index.html, port: http}, periodSeconds: 1}") + """
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: default}
        spec:
          type: LoadBalancer
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: nobody, namespace: default}
        spec:
          selector: {app: nobody}
          ports: [{port: 80}]
        """));
    kubectl.ok("rollout", "status", "deploy/web", "--timeout=120s");
    JsonNode svc = await("an ingress address").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .until(() -> kubectl.json("get", "service", "web"),
            s -> !s.at("/status/loadBalancer/ingress/0/ip").asText("").isEmpty());
    String ingress = svc.at("/status/loadBalancer/ingress/0/ip").asText();
    assertTrue(ingress.startsWith("10.112.0."), ingress);
    String clusterIp = svc.at("/spec/clusterIP").asText();
    int nodePort = svc.at("/spec/ports/0/nodePort").asInt();
    String nodeIp = kubectl.json("get", "node", NODE).at("/status/addresses/0/address").asText();
    Set<String> pods = new HashSet<>();
    kubectl.json("get", "pods", "-l", "app=web").path("items").forEach(p -> pods.add(p.at("/metadata/name").asText()));
    for (String url : List.of("http://" + clusterIp + "/", "http://" + ingress + "/",
        "http://" + nodeIp + ":" + nodePort + "/")) {
      Set<String> answered = await(url + " answers from both pods").atMost(Duration.ofSeconds(30))
          .until(() -> {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 20; i++) {
              seen.add(curl(url));
            }
            return seen;
          }, seen -> seen.size() == 2 && seen.stream().allMatch(s -> s.startsWith("web-")));
      assertTrue(pods.containsAll(answered), answered + " of " + pods);
    }
    String nobody = kubectl.json("get", "service", "nobody").at("/spec/clusterIP").asText();
    assertTrue(curl("http://" + nobody + "/").startsWith("curl: (7)"), "no endpoints: refused");
    assertTrue(curl("http://" + clusterIp + "/").startsWith("web-"), "the others keep answering");
  }

  private static String curl(String url) throws Exception {
    Process p = new ProcessBuilder("curl", "-sS", "--connect-timeout", "2", "-m", "3", url)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }
}
