package io.logplane.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real kubectl (found on PATH; the server reports v1.32.0) against {@link KubectlFakeServer}:
 * {@code explain} resolves kinds and fields through the v3 documents, and client-side
 * {@code apply} computes its strategic merge patch from them and sends fieldValidation=Strict.
 */
class KubectlOpenApiIT {

  static KubectlFakeServer server;
  @TempDir static Path dir;

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(onPath("kubectl"), "kubectl is not installed");
    server = new KubectlFakeServer();
    Files.createFile(dir.resolve("config"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  static boolean onPath(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, name))) {
        return true;
      }
    }
    return false;
  }

  static Result kubectl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig=" + dir.resolve("config"),
        "--server=http://127.0.0.1:" + server.port(), "--cache-dir=" + dir.resolve("cache")));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out").toFile())
        .redirectError(dir.resolve("err").toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl hung: " + cmd);
    return new Result(p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
  }

  @Test
  void explainFollowsTheSchemaDownToContainerPorts() throws Exception {
    Result r = kubectl("explain", "deployment.spec.template.spec.containers.ports");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("KIND:       Deployment"), r.out());
    assertTrue(r.out().contains("FIELD: ports <[]ContainerPort>"), r.out());
    assertTrue(r.out().contains("containerPort\t<integer> -required-"), r.out());
    Result target = kubectl("explain", "service.spec.ports.targetPort");
    assertTrue(target.out().contains("FIELD: targetPort <IntOrString>"), target.out() + target.err());
    Result hpa = kubectl("explain", "hpa.spec.scaleTargetRef");
    assertTrue(hpa.out().contains("VERSION:    v2"), hpa.out() + hpa.err());
    assertTrue(server.requests.stream().anyMatch(q -> q.startsWith("GET /openapi/v3/apis/apps/v1?hash=")));
  }

  @Test
  void explainPrintsTheKubernetesFieldDocs() throws Exception {
    Result r = kubectl("explain", "deployment.spec.replicas");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("FIELD: replicas <integer>"), r.out());
    assertTrue(r.out().contains("Number of desired pods. This is a pointer to distinguish"), r.out());
    Result pod = kubectl("explain", "pod.spec.containers");
    assertTrue(pod.out().contains("List of containers belonging to the pod."), pod.out() + pod.err());
  }

  @Test
  void applyComputesAStrategicMergePatchFromTheV3Document() throws Exception {
    String d1 = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: web, image: "nginx:1", ports: [{containerPort: 80}]}
              - {name: side, image: busybox}
        """;
    Files.writeString(dir.resolve("d1.yaml"), d1, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("d2.yaml"), d1.replace("nginx:1", "nginx:2"), StandardCharsets.UTF_8);
    Result created = kubectl("apply", "-f", dir.resolve("d1.yaml").toString());
    assertEquals(0, created.code(), created.err());
    assertTrue(server.requests.stream().anyMatch(q -> q.startsWith("POST /apis/apps/v1/namespaces/default/deployments?")
        && q.contains("fieldValidation=Strict")), String.join("\n", server.requests));
    Result patched = kubectl("apply", "-f", dir.resolve("d2.yaml").toString());
    assertEquals(0, patched.code(), patched.err());
    assertFalse(patched.err().contains("warning"), patched.err());
    String patch = server.patches.get("/apis/apps/v1/namespaces/default/deployments/web");
    assertTrue(patch.startsWith("application/strategic-merge-patch+json"), patch);
    // Keyed by name: only the changed container travels, with the order directive of the list.
    assertTrue(patch.contains("\"$setElementOrder/containers\":[{\"name\":\"web\"},{\"name\":\"side\"}]"), patch);
    assertTrue(patch.contains("{\"image\":\"nginx:2\",\"name\":\"web\"}"), patch);
    assertFalse(server.requests.stream().anyMatch(q -> q.startsWith("GET /openapi/v2")), "v3 was enough");
  }
}
