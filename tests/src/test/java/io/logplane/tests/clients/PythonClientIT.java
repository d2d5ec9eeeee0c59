package io.logplane.tests.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.launcher.Cluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Python client (Debian's python3-kubernetes) against a real Logplane: a script
 * ({@code clients/python_client.py}) discovers, pages a list, watches ConfigMaps from a list's
 * resourceVersion while it creates, patches (strategic merge, JSON patch, merge patch) and
 * deletes, lets a watch end by its timeoutSeconds, creates and scales a Deployment, and creates,
 * patches, lists and deletes a custom object. It prints what it saw as JSON lines, asserted here.
 */
class PythonClientIT {

  static final String PYTHON = System.getProperty("python3", "/usr/bin/python3");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Cluster cluster;

  @BeforeAll
  static void up() throws Exception {
    cluster = Cluster.start(new Cluster.Options(dir.resolve("data"), "127.0.0.1", 0, 0, null, 1));
  }

  @AfterAll
  static void down() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void listsWatchesWritesAndDeletesAsAgainstKube() throws Exception {
    Map<String, List<JsonNode>> steps = run("py");

    JsonNode discovery = one(steps, "discovery");
    assertEquals("v1.32.0", discovery.path("version").asText());
    assertEquals("[\"v1\"]", discovery.path("core").toString());
    assertTrue(discovery.path("groups").toString().contains("\"apps\""), discovery.toString());
    JsonNode pages = one(steps, "pages");
    assertEquals("[\"first\",\"kube-root-ca.crt\",\"page-0\",\"page-1\",\"page-2\"]", pages.path("names").toString(), pages.toString());
    assertTrue(pages.path("last").isNull(), pages.toString());

    List<JsonNode> created = steps.get("created");
    long first = rv(created.get(0));
    long listed = rv(one(steps, "list"));
    assertTrue(listed >= first, steps.toString());
    List<JsonNode> patched = steps.get("patched");
    assertEquals("{\"k\":\"v2\"}", patched.get(0).path("data").toString());
    assertEquals("{\"app\":\"py\",\"p\":\"sm\"}", patched.get(0).path("labels").toString());
    assertEquals("{\"j\":\"p\",\"k\":\"v2\"}", patched.get(1).path("data").toString());
    assertEquals("{\"k\":\"v2\",\"m\":\"q\"}", patched.get(2).path("data").toString());
    assertEquals("Success", one(steps, "deleted").path("status").asText());

    // Every change after the list's resourceVersion, in order, and none from before it.
    JsonNode watched = one(steps, "watched");
    assertFalse(watched.path("alive").asBoolean(), "the watch saw the deletion and stopped: " + watched);
    List<String> events = new ArrayList<>();
    long last = listed;
    for (JsonNode e : watched.path("events")) {
      events.add(e.path("type").asText() + " " + e.path("name").asText() + " " + e.path("data"));
      assertTrue(rv(e) > last, watched.toString());
      last = rv(e);
    }
    assertEquals(List.of("ADDED second {\"k\":\"x\"}", "MODIFIED first {\"k\":\"v2\"}",
        "MODIFIED first {\"j\":\"p\",\"k\":\"v2\"}", "MODIFIED first {\"k\":\"v2\",\"m\":\"q\"}",
        "DELETED first {\"k\":\"v2\",\"m\":\"q\"}"), events);
    assertEquals(rv(patched.get(2)), rv(watched.path("events").get(3)));

    assertTrue(one(steps, "watch-timeout").path("events").toString().contains(
        "{\"name\":\"second\",\"type\":\"ADDED\"}"), steps.get("watch-timeout").toString());
    assertEquals(404, one(steps, "read-deleted").path("status").asInt());
    assertEquals("NotFound", one(steps, "read-deleted").path("reason").asText());

    assertEquals(2, one(steps, "deployment").path("replicas").asInt());
    assertEquals("RollingUpdate", one(steps, "deployment").path("strategy").asText());
    assertEquals(3, one(steps, "scaled").path("replicas").asInt());
    assertEquals("{\"names\":[\"web\"],\"replicas\":3,\"step\":\"deployments\"}", one(steps, "deployments").toString());

    assertEquals("crontabs.stable.example.com", one(steps, "crd").path("name").asText());
    assertEquals("nightly", one(steps, "custom-created").path("name").asText());
    assertEquals("{\"items\":[[\"nightly\",4]],\"kind\":\"CronTabList\",\"step\":\"custom-list\"}",
        one(steps, "custom-list").toString());
    assertEquals(0, one(steps, "custom-after-delete").path("items").asInt());
    one(steps, "done");
  }

  private static long rv(JsonNode step) {
    return Long.parseLong(step.path("rv").asText());
  }

  private static JsonNode one(Map<String, List<JsonNode>> steps, String step) {
    List<JsonNode> found = steps.get(step);
    assertTrue(found != null && found.size() == 1, step + " once in " + steps);
    return found.get(0);
  }

  /** Runs the script in a fresh namespace; its printed lines by step, in order. */
  private static Map<String, List<JsonNode>> run(String namespace) throws IOException, InterruptedException {
    Path script = dir.resolve("python_client.py");
    try (InputStream in = PythonClientIT.class.getResourceAsStream("/clients/python_client.py")) {
      Files.copy(in, script);
    }
    Path stdout = dir.resolve("python.out");
    Path err = dir.resolve("python.err");
    ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString(), cluster.kubeconfig().toString(), namespace)
        .directory(dir.toFile()).redirectOutput(stdout.toFile()).redirectError(err.toFile());
    pb.environment().remove("KUBECONFIG");
    Process p = pb.start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
    }
    String out = read(stdout);
    assertEquals(0, p.exitValue(), () -> "the script failed; it printed:\n" + out + "\nstderr:\n" + read(err));
    Map<String, List<JsonNode>> steps = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        JsonNode n = JSON.readTree(line);
        steps.computeIfAbsent(n.path("step").asText(), k -> new ArrayList<>()).add(n);
      }
    }
    return steps;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
