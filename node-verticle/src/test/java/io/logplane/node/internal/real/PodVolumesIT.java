package io.logplane.node.internal.real;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.node.internal.agent.PodStatusMaker;
import io.logplane.node.internal.runtime.ImageSource;
import io.logplane.node.internal.runtime.Mounts;
import io.logplane.node.internal.runtime.RealNode;
import io.logplane.node.internal.runtime.UplinkGuard;
import io.logplane.node.internal.volumes.ObjectSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real node's pods with volumes and env from objects, on runc: the containers read what the
 * node wrote for them, and nothing of it outlives the pod but what a claim's volume keeps.
 */
class PodVolumesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOST_IP = "192.0.2.11";
  private static final Map<String, JsonNode> OBJECTS = new ConcurrentHashMap<>();

  private static RealNode node;
  private static ExecutorService executor;
  private static RealPods pods;
  private final List<JsonNode> made = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    node = RealNode.start("logplane_it_volumes", "10.244.252.0/24", "lpit2", "logplane-it-volumes");
    executor = Executors.newCachedThreadPool();
    ImageSource images = (reference, policy, auths) -> node.busybox;
    ObjectSource objects = (resource, namespace, name) ->
        OBJECTS.get(resource + "/" + (namespace == null ? "" : namespace) + "/" + name);
    pods = new RealPods(node.runtime, images, PullSecrets.NONE, "nameserver 10.96.0.10\n", Clock.systemUTC(),
        executor, objects);
  }

  @AfterEach
  void removePods() {
    made.forEach(p -> pods.forget(p.path("metadata").path("uid").asText()));
    await("the pods are gone").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(node::leftovers, List::isEmpty);
    assertEquals(List.of(), Mounts.under(node.data), "nothing mounted");
    OBJECTS.clear();
  }

  @AfterAll
  static void stop() {
    if (node == null) {
      return;
    }
    executor.shutdownNow();
    assertEquals(new UplinkGuard.Counters(0, 0), node.stop(),
        "packets for the cluster ranges headed for the uplink");
  }

  private static void object(String resource, String name, String json) throws IOException {
    OBJECTS.put(resource + "/it/" + name, JSON.readTree(json.replace('\'', '"')));
  }

  private JsonNode pod(String name, String spec) throws IOException {
    JsonNode pod = JSON.readTree(("{'metadata':{'name':'" + name + "','namespace':'it','uid':'"
        + UUID.randomUUID() + "','labels':{'app':'vol'}},'spec':" + spec + "}").replace('\'', '"'));
    made.add(pod);
    return pod;
  }

  private static JsonNode awaitStatus(JsonNode pod, String what, Predicate<JsonNode> until) {
    return await(what).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(() -> PodStatusMaker.status(pod, pods.observe(pod, HOST_IP, null,
            Instant.parse("2026-01-01T00:00:00Z"), Instant.now(), null).runs()), until::test);
  }

  private static String log(JsonNode pod, String container) throws IOException {
    Path log = node.runtime.logPath(pod, container, 0);
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Test
  void containersReadTheirVolumesAndEnvAndThePodSucceeds() throws IOException {
    object("configmaps", "cfg", "{'data':{'greeting':'hello','color':'blue'}}");
    object("secrets", "creds", "{'data':{'password':'"
        + Base64.getEncoder().encodeToString("s3cr3t".getBytes()) + "'}}");
    String check = String.join(" && ",
        "test \"$(cat /cfg/greeting)\" = hello",
        "test \"$(cat /creds/password)\" = s3cr3t",
        "test \"$(stat -L -c %a /creds/password)\" = 400",
        "test \"$(cat /info/name)\" = vols",
        "grep -qx 'app=\"vol\"' /info/labels",
        "test \"$COLOR\" = blue",
        "test \"$POD\" = vols",
        "test \"$NS\" = it",
        "! touch /cfg/x",
        "until test -f /shared/ready; do sleep 0.1; done",
        "test \"$(cat /shared/ready)\" = from-writer");
    JsonNode pod = pod("vols", "{'restartPolicy':'Never','containers':["
        + "{'name':'writer','image':'busybox','command':['sh','-c','echo from-writer > /shared/ready'],"
        + "'volumeMounts':[{'name':'shared','mountPath':'/shared'}]},"
        + "{'name':'reader','image':'busybox',"
        + "'env':[{'name':'COLOR','valueFrom':{'configMapKeyRef':{'name':'cfg','key':'color'}}},"
        + "{'name':'POD','valueFrom':{'fieldRef':{'fieldPath':'metadata.name'}}},"
        + "{'name':'NS','valueFrom':{'fieldRef':{'fieldPath':'metadata.namespace'}}}],"
        + "'volumeMounts':[{'name':'cfg','mountPath':'/cfg'},{'name':'creds','mountPath':'/creds'},"
        + "{'name':'info','mountPath':'/info'},{'name':'shared','mountPath':'/shared'}]}],"
        + "'volumes':[{'name':'cfg','configMap':{'name':'cfg'}},"
        + "{'name':'creds','secret':{'secretName':'creds','defaultMode':256}},"
        + "{'name':'info','downwardAPI':{'items':[{'path':'name','fieldRef':{'fieldPath':'metadata.name'}},"
        + "{'path':'labels','fieldRef':{'fieldPath':'metadata.labels'}}]}},"
        + "{'name':'shared','emptyDir':{}}]}");
    ((ObjectNode) pod.at("/spec/containers/1")).putArray("command").add("sh").add("-c").add(check);
    JsonNode s = awaitStatus(pod, "the pod ends", t -> t.path("phase").asText().matches("Succeeded|Failed"));
    assertEquals("Succeeded", s.path("phase").asText(), s + "\nreader: " + log(pod, "reader"));
  }

  /**
   * A claim's data outlives its pods: a pod waits while its claim is unbound, writes once it is
   * bound, and a later pod of the same claim reads the file back; a read-only claim cannot be
   * written.
   */
  @Test
  void aClaimKeepsItsDataForTheNextPod() throws IOException {
    Path dir = node.data.resolve("local-path/pvc-1_it_data");
    object("persistentvolumeclaims", "data", "{'spec':{'volumeName':''},'status':{'phase':'Pending'}}");
    OBJECTS.put("persistentvolumes//pvc-1", JSON.readTree(("{'spec':{'hostPath':{'path':'" + dir
        + "','type':'DirectoryOrCreate'}}}").replace('\'', '"')));
    String volumes = "'volumes':[{'name':'d','persistentVolumeClaim':{'claimName':'data'}}]";
    JsonNode writer = pod("writer", "{'restartPolicy':'Never','containers':[{'name':'c','image':'busybox',"
        + "'command':['sh','-c','echo kept > /data/file'],'volumeMounts':[{'name':'d','mountPath':'/data'}]}],"
        + volumes + "}");
    JsonNode waiting = awaitStatus(writer, "the pod waits for its claim",
        t -> "ContainerCreating".equals(t.at("/containerStatuses/0/state/waiting/reason").asText()));
    assertEquals("Pending", waiting.path("phase").asText());
    assertTrue(Files.notExists(dir), "nothing made before the claim is bound");

    object("persistentvolumeclaims", "data", "{'spec':{'volumeName':'pvc-1'},'status':{'phase':'Bound'}}");
    JsonNode s = awaitStatus(writer, "the writer ends", t -> t.path("phase").asText().matches("Succeeded|Failed"));
    assertEquals("Succeeded", s.path("phase").asText(), s.toString());
    pods.forget(writer.path("metadata").path("uid").asText());
    await("the writer is gone").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(node::leftovers, List::isEmpty);
    assertEquals("kept\n", Files.readString(dir.resolve("file")), "the file outlives its pod");

    JsonNode reader = pod("reader", "{'restartPolicy':'Never','containers':[{'name':'c','image':'busybox',"
        + "'command':['sh','-c','grep -qx kept /data/file && ! touch /data/other'],"
        + "'volumeMounts':[{'name':'d','mountPath':'/data'}]}],"
        + volumes.replace("'claimName':'data'", "'claimName':'data','readOnly':true") + "}");
    s = awaitStatus(reader, "the reader ends", t -> t.path("phase").asText().matches("Succeeded|Failed"));
    assertEquals("Succeeded", s.path("phase").asText(), s + "\nreader: " + log(reader, "c"));
  }

  @Test
  void aConfigMapUpdateShowsInTheMountedFile() throws IOException {
    object("configmaps", "live", "{'data':{'v':'one'}}");
    JsonNode pod = pod("live", "{'terminationGracePeriodSeconds':1,'containers':[{'name':'c',"
        + "'image':'busybox','command':['sh','-c','trap \\\"exit 0\\\" TERM; "
        + "while :; do echo seen $(cat /live/v); sleep 0.2; done'],"
        + "'volumeMounts':[{'name':'live','mountPath':'/live'}]}],"
        + "'volumes':[{'name':'live','configMap':{'name':'live'}}]}");
    awaitStatus(pod, "the pod runs", t -> t.at("/containerStatuses/0/state").has("running"));
    await("the first value is read").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(() -> log(pod, "c").contains("seen one"));
    object("configmaps", "live", "{'data':{'v':'two'}}");
    await("the new value is read").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          awaitStatus(pod, "a sync", t -> true);
          return log(pod, "c").contains("seen two");
        });
    assertEquals(0, awaitStatus(pod, "still running", t -> true).at("/containerStatuses/0/restartCount").asInt());
  }

  @Test
  void aMissingConfigMapKeepsTheContainerInCreateContainerConfigError() throws IOException {
    JsonNode pod = pod("missing", "{'containers':[{'name':'c','image':'busybox',"
        + "'env':[{'name':'X','valueFrom':{'configMapKeyRef':{'name':'absent','key':'k'}}}]}]}");
    JsonNode s = awaitStatus(pod, "config error", t -> t.at("/containerStatuses/0/state/waiting/reason")
        .asText().equals("CreateContainerConfigError"));
    assertEquals("configmap \"absent\" not found",
        s.at("/containerStatuses/0/state/waiting/message").asText());
    assertEquals("Pending", s.path("phase").asText());
  }

  @Test
  void aPodWithAClaimWaitsInContainerCreating() throws IOException {
    JsonNode pod = pod("claim", "{'containers':[{'name':'c','image':'busybox',"
        + "'volumeMounts':[{'name':'data','mountPath':'/data'}]}],"
        + "'volumes':[{'name':'data','persistentVolumeClaim':{'claimName':'pvc'}}]}");
    // a pod's syncs go on while its volume cannot be set up: a few, then it still waits
    for (int i = 0; i < 3; i++) {
      awaitStatus(pod, "a sync", t -> true);
    }
    JsonNode s = awaitStatus(pod, "one more sync", t -> true);
    assertEquals("ContainerCreating", s.at("/containerStatuses/0/state/waiting/reason").asText(), s.toString());
    assertTrue(node.runtime.containers().stream().noneMatch(id -> id.contains(".c.")));
  }

  @Test
  void aMemoryEmptyDirIsATmpfsUnmountedWhenThePodLeaves() throws IOException {
    JsonNode pod = pod("mem", "{'terminationGracePeriodSeconds':1,'containers':[{'name':'c',"
        + "'image':'busybox','command':['sh','-c','grep \\\" /scratch tmpfs\\\" /proc/mounts; "
        + "trap \\\"exit 0\\\" TERM; sleep 1000 & wait'],"
        + "'volumeMounts':[{'name':'scratch','mountPath':'/scratch'}]}],"
        + "'volumes':[{'name':'scratch','emptyDir':{'medium':'Memory','sizeLimit':'1Mi'}}]}");
    awaitStatus(pod, "the pod runs", t -> t.at("/containerStatuses/0/state").has("running"));
    await("the container saw its tmpfs").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
        .until(() -> log(pod, "c").contains("size=1024k"));
    assertTrue(Mounts.under(node.data).stream().anyMatch(m -> m.endsWith("kubernetes.io~empty-dir/scratch")));
  }
}
