package io.logplane.node.internal.volumes;

import static io.logplane.node.internal.volumes.MapObjects.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.runtime.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of each on-disk volume kind, as a container would see them. */
class PodVolumesTest {
  private static final PodFields.Facts FACTS = new PodFields.Facts("192.0.2.1",
      List.of("10.244.0.5"), Map.of("cpu", 2000L, "memory", 1L << 30));
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path podDir;
  private final MapObjects objects = new MapObjects()
      .put("configmaps", "ns", "cm", "{'data':{'a.conf':'A=1','b':'two'},'binaryData':{'bin':'AAE='}}")
      .put("secrets", "ns", "sec", "{'data':{'user':'YWRtaW4='}}");
  private final PodVolumes volumes = new PodVolumes(objects, CLOCK);

  private static JsonNode pod(String volumes) {
    return json("{'metadata':{'name':'p','namespace':'ns','uid':'u-1','labels':{'b':'2','a':'1'}},"
        + "'spec':{'containers':[{'name':'c','resources':{'limits':{'memory':'32Mi'}}}],"
        + "'volumes':[" + volumes + "]}}");
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p);
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void aConfigMapVolumeHoldsItsKeysThroughTheDataLinkAndChangesAtomically() throws IOException {
    JsonNode pod = pod("{'name':'cfg','configMap':{'name':'cm'}}");
    Path dir = volumes.setUp(pod, podDir, FACTS).get("cfg");
    assertEquals(podDir.resolve("volumes/kubernetes.io~configmap/cfg"), dir);
    assertEquals("A=1", read(dir.resolve("a.conf")));
    assertEquals(Path.of("..data/a.conf"), Files.readSymbolicLink(dir.resolve("a.conf")));
    assertTrue(Files.isSymbolicLink(dir.resolve("..data")));
    Path first = Files.readSymbolicLink(dir.resolve("..data"));
    assertTrue(first.toString().startsWith("..2026_01_02_03_04_05."), first.toString());
    assertEquals("rw-r--r--", mode(dir.resolve("..data/b")));
    assertEquals(List.of(0, 1), List.of((int) Files.readAllBytes(dir.resolve("bin"))[0],
        (int) Files.readAllBytes(dir.resolve("bin"))[1]));

    volumes.setUp(pod, podDir, FACTS);
    assertEquals(first, Files.readSymbolicLink(dir.resolve("..data")), "unchanged: not written");

    objects.put("configmaps", "ns", "cm", "{'data':{'a.conf':'A=2'}}");
    volumes.setUp(pod, podDir, FACTS);
    Path second = Files.readSymbolicLink(dir.resolve("..data"));
    assertNotEquals(first, second);
    assertEquals("A=2", read(dir.resolve("a.conf")));
    assertEquals(Set.of("..data", "a.conf", second.toString()), names(dir),
        "the old files, their directory and the gone key's link are removed");
  }

  @Test
  void itemsAndModesPickAndPlaceKeys() throws IOException {
    JsonNode pod = pod("{'name':'s','secret':{'secretName':'sec','defaultMode':256,"
        + "'items':[{'key':'user','path':'creds/user'}]}},"
        + "{'name':'c2','configMap':{'name':'cm','items':[{'key':'b','path':'bee','mode':384},"
        + "{'key':'missing','path':'m'}],'optional':true}}");
    // the secret volume is on a tmpfs: its files are checked as a payload, without mounting
    Map<String, Path> dirs = volumes.setUp(pod(pod.at("/spec/volumes/1").toString()), podDir, FACTS);
    Path c2 = dirs.get("c2");
    assertEquals("two", read(c2.resolve("bee")));
    assertEquals("rw-------", mode(c2.resolve("..data/bee")));
    assertEquals(Set.of("..data", "bee"), names(c2).stream().filter(n -> !n.startsWith("..2"))
        .collect(java.util.stream.Collectors.toSet()), "an optional missing key is left out");

    Map<String, FileProjection> secret = Payloads.of(pod, pod.at("/spec/volumes/0"), FACTS, objects);
    assertEquals(Set.of("creds/user"), secret.keySet());
    assertEquals("admin", new String(secret.get("creds/user").data()));
    assertEquals(0400, secret.get("creds/user").mode());
  }

  @Test
  void missingObjectsAndKeysFailWithTheKubeletsMessagesUnlessOptional() throws IOException {
    assertEquals("MountVolume.SetUp failed for volume \"v\" : configmap \"gone\" not found",
        error("{'name':'v','configMap':{'name':'gone'}}"));
    assertEquals("MountVolume.SetUp failed for volume \"v\" : configmap references non-existent "
        + "config key: nope", error("{'name':'v','configMap':{'name':'cm','items':[{'key':'nope','path':'x'}]}}"));
    assertEquals("MountVolume.SetUp failed for volume \"v\" : references non-existent secret key: "
        + "nope", error("{'name':'v','secret':{'secretName':'sec','items':[{'key':'nope','path':'x'}]}}"));
    assertEquals("MountVolume.SetUp failed for volume \"v\" : volume kind nfs is "
        + "not supported on this node", error("{'name':'v','nfs':{'server':'s','path':'/'}}"));
    assertEquals("MountVolume.SetUp failed for volume \"v\" : error processing PVC ns/pvc: persistentvolumeclaim"
        + " \"pvc\" not found", error("{'name':'v','persistentVolumeClaim':{'claimName':'pvc'}}"));
    Path dir = volumes.setUp(pod("{'name':'v','configMap':{'name':'gone','optional':true}}"),
        podDir, FACTS).get("v");
    assertEquals(Set.of("..data"), names(dir).stream().filter(n -> !n.startsWith("..2"))
        .collect(java.util.stream.Collectors.toSet()), "optional and missing: empty");
  }

  private String error(String volume) {
    return assertThrows(ConfigError.class, () -> volumes.setUp(pod(volume), podDir, FACTS))
        .getMessage();
  }

  @Test
  void downwardApiAndProjectedFilesHoldThePodsFields() {
    JsonNode pod = pod("{'name':'d','downwardAPI':{'items':["
        + "{'path':'name','fieldRef':{'fieldPath':'metadata.name'}},"
        + "{'path':'labels','fieldRef':{'fieldPath':'metadata.labels'}},"
        + "{'path':'mem','resourceFieldRef':{'containerName':'c','resource':'limits.memory','divisor':'1Mi'}},"
        + "{'path':'cpu','resourceFieldRef':{'containerName':'c','resource':'limits.cpu'}}]}},"
        + "{'name':'p','projected':{'defaultMode':288,'sources':[{'configMap':{'name':'cm','items':[{'key':'b','path':'b'}]}},"
        + "{'secret':{'name':'sec'}},{'downwardAPI':{'items':[{'path':'ns','fieldRef':{'fieldPath':'metadata.namespace'}}]}}]}}");
    Map<String, FileProjection> d = Payloads.of(pod, pod.at("/spec/volumes/0"), FACTS, objects);
    assertEquals("p", new String(d.get("name").data()));
    assertEquals("a=\"1\"\nb=\"2\"", new String(d.get("labels").data()));
    assertEquals("32", new String(d.get("mem").data()));
    assertEquals("2", new String(d.get("cpu").data()), "no cpu limit: the node's allocatable");
    Map<String, FileProjection> p = Payloads.of(pod, pod.at("/spec/volumes/1"), FACTS, objects);
    assertEquals(new TreeSet<>(List.of("b", "user", "ns")), new TreeSet<>(p.keySet()));
    assertEquals(0440, p.get("user").mode());
  }

  /** The volume kube-apiserver's ServiceAccount admission gives every pod. */
  private static final String KUBE_API_ACCESS = "{'name':'kube-api-access-b2x7q','projected':{'sources':["
      + "{'serviceAccountToken':{'expirationSeconds':3607,'path':'token'}},"
      + "{'configMap':{'name':'kube-root-ca.crt','items':[{'key':'ca.crt','path':'ca.crt'}]}},"
      + "{'downwardAPI':{'items':[{'path':'namespace','fieldRef':{'apiVersion':'v1','fieldPath':'metadata.namespace'}}]}}],"
      + "'defaultMode':420}}";

  @Test
  void theServiceAccountVolumeHoldsATokenOfThePodsAccountBoundToThePodTheCaAndTheNamespace() {
    objects.put("configmaps", "ns", "kube-root-ca.crt", "{'data':{'ca.crt':'CA PEM'}}");
    JsonNode pod = pod(KUBE_API_ACCESS);
    assertEquals("MountVolume.SetUp failed for volume \"kube-api-access-b2x7q\" : failed to fetch token:"
        + " serviceaccounts \"default\" not found", error(KUBE_API_ACCESS), "the account is not there yet");
    objects.put("serviceaccounts", "ns", "default", "{}");
    // a projected volume is on a tmpfs: its files are checked as a payload, without mounting
    Map<String, FileProjection> p = Payloads.of(pod, pod.at("/spec/volumes/0"), FACTS, objects);
    assertEquals(new TreeSet<>(List.of("token", "ca.crt", "namespace")), new TreeSet<>(p.keySet()));
    assertEquals("token:ns/default::3607:p/u-1", new String(p.get("token").data()),
        "the default account, the API's audiences, the source's lifetime, bound to the pod");
    assertEquals("CA PEM", new String(p.get("ca.crt").data()));
    assertEquals("ns", new String(p.get("namespace").data()));
    p.values().forEach(f -> assertEquals(0644, f.mode(), "defaultMode 420"));

    JsonNode other = json("{'metadata':{'name':'q','namespace':'ns','uid':'u-2'},'spec':{'serviceAccountName':'robot',"
        + "'volumes':[{'name':'t','projected':{'defaultMode':256,'sources':[{'serviceAccountToken':{"
        + "'audience':'vault','path':'sub/tok'}}]}}]}}");
    objects.put("serviceaccounts", "ns", "robot", "{}");
    Map<String, FileProjection> files = Payloads.of(other, other.at("/spec/volumes/0"), FACTS, objects);
    assertEquals("token:ns/robot:vault:3600:q/u-2", new String(files.get("sub/tok").data()),
        "the pod's account, the source's audience, an hour when it gives no lifetime");
    assertEquals(0400, files.get("sub/tok").mode());
  }

  @Test
  void emptyDirHostPathAndTheContainersMounts() throws IOException {
    Path host = podDir.resolve("host");
    JsonNode pod = json(("{'metadata':{'name':'p','namespace':'ns','uid':'u'},'spec':{"
        + "'containers':[{'name':'c','volumeMounts':[{'name':'scratch','mountPath':'/s'},"
        + "{'name':'scratch','mountPath':'/sub','subPath':'deep/er'},"
        + "{'name':'h','mountPath':'/h','readOnly':true},"
        + "{'name':'cfg','mountPath':'/etc/a.conf','subPath':'a.conf'},"
        + "{'name':'cfg','mountPath':'/cfg'}]}],"
        + "'volumes':[{'name':'scratch','emptyDir':{}},{'name':'h','hostPath':{'path':'HOST','type':'DirectoryOrCreate'}},"
        + "{'name':'cfg','configMap':{'name':'cm'}}]}}").replace("HOST", host.toString()));
    Map<String, Path> dirs = volumes.setUp(pod, podDir, FACTS);
    Path scratch = podDir.resolve("volumes/kubernetes.io~empty-dir/scratch");
    assertEquals("rwxrwxrwx", mode(scratch));
    assertTrue(Files.isDirectory(host), "DirectoryOrCreate made it");
    List<VolumeMount> mounts = PodVolumes.mounts(pod, pod.at("/spec/containers/0"), dirs, Map.of());
    assertEquals(new VolumeMount(scratch, "/s", false), mounts.get(0));
    assertEquals(new VolumeMount(scratch.resolve("deep/er").toRealPath(), "/sub", false), mounts.get(1));
    assertTrue(Files.isDirectory(scratch.resolve("deep/er")), "a missing subPath is made");
    assertEquals(new VolumeMount(host, "/h", true), mounts.get(2));
    Path file = mounts.get(3).source();
    assertEquals("A=1", read(file));
    assertTrue(file.toString().contains("/..2026_01_02"), "the file itself, not its link: " + file);
    assertTrue(mounts.get(4).readOnly(), "a configMap volume is always read-only");

    JsonNode escape = json("{'spec':{'containers':[{'name':'c','volumeMounts':[{'name':'scratch',"
        + "'mountPath':'/x','subPath':'../../etc'}]}],'volumes':[{'name':'scratch','emptyDir':{}}]}}");
    assertThrows(ConfigError.class, () -> PodVolumes.mounts(escape, escape.at("/spec/containers/0"),
        dirs, Map.of()));
    assertEquals("cannot find volume \"nope\" to mount into container \"c\"",
        assertThrows(ConfigError.class, () -> PodVolumes.mounts(pod,
            json("{'name':'c','volumeMounts':[{'name':'nope','mountPath':'/n'}]}"), dirs, Map.of()))
            .getMessage());
  }

  @Test
  void hostPathTypesAreChecked() throws IOException {
    Path file = Files.writeString(podDir.resolve("f"), "x");
    assertEquals(file, HostPaths.check(file, "File"));
    assertEquals("hostPath type check failed: " + file + " is not a directory",
        assertThrows(ConfigError.class, () -> HostPaths.check(file, "Directory")).getMessage());
    assertEquals("hostPath type check failed: " + podDir + " is not a file",
        assertThrows(ConfigError.class, () -> HostPaths.check(podDir, "File")).getMessage());
    assertEquals("hostPath type check failed: " + file + " is not a socket file",
        assertThrows(ConfigError.class, () -> HostPaths.check(file, "Socket")).getMessage());
    Path made = podDir.resolve("new");
    HostPaths.check(made, "FileOrCreate");
    assertEquals("", read(made));
    assertEquals("rw-r--r--", mode(made));
    assertEquals(Path.of("/dev/null"), HostPaths.check(Path.of("/dev/null"), "CharDevice"));
    assertEquals("Nope is an invalid volume type",
        assertThrows(ConfigError.class, () -> HostPaths.check(file, "Nope")).getMessage());
    assertFalse(Files.exists(podDir.resolve("absent")));
  }

  private static Set<String> names(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
    }
  }
}
