package io.logplane.node.internal.runtime;

import static io.logplane.node.internal.runtime.ContainerEnvTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciSpecTest {

  private static final OciSpec SPECS = new OciSpec(Capabilities.ofMask(0x1fffeffffffL));
  private static final PodContext HOLDER = new PodContext("web-0", Path.of("/run/netns/lp-u1"),
      null, null, null, Path.of("/d/shm"), Path.of("/d/hosts"), Path.of("/d/resolv.conf"),
      Path.of("/d/hostname"));
  private static final PodContext JOINING = HOLDER.joining(4242, false);

  private static JsonNode spec(String pod, String container) {
    JsonNode p = json(pod);
    return SPECS.container(p, json(container), ImageConfig.ofCmd("/bin/true"), Map.of("X", "1"),
        JOINING, List.of(new VolumeMount(Path.of("/v/data"), "/data", true)), "/logplane/u1.app.0");
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.has("destination") ? n.path("destination").asText()
        : n.isObject() ? n.path("type").asText() + "=" + n.path("path").asText("") : n.asText()));
    return out;
  }

  @Test
  void aContainerJoinsTheHoldersNamespacesButHasItsOwnPidNamespace() {
    JsonNode s = spec("{'metadata':{'name':'web-0'}}", "{'name':'app'}");
    assertEquals(List.of("mount=", "pid=", "ipc=/proc/4242/ns/ipc", "network=/run/netns/lp-u1",
        "uts=/proc/4242/ns/uts"), texts(s.path("linux").path("namespaces")));
    assertEquals("web-0", s.path("hostname").asText());
    assertEquals("/logplane/u1.app.0", s.path("linux").path("cgroupsPath").asText());
    assertEquals(List.of("/proc", "/dev", "/dev/pts", "/dev/mqueue", "/sys", "/sys/fs/cgroup",
        "/dev/shm", "/etc/hosts", "/etc/resolv.conf", "/etc/hostname", "/data"), texts(s.path("mounts")));
    JsonNode data = s.path("mounts").get(10);
    assertEquals("/v/data", data.path("source").asText());
    assertTrue(texts(data.path("options")).contains("ro"));
    JsonNode holder = SPECS.holder(List.of("sleep", "1"), HOLDER, "/logplane/u1");
    assertEquals(List.of("mount=", "pid=", "ipc=", "network=/run/netns/lp-u1", "uts="),
        texts(holder.path("linux").path("namespaces")), "the holder makes the ipc and uts namespaces");
    assertEquals(0, holder.path("process").path("capabilities").path("bounding").size());
    assertTrue(holder.path("root").path("readonly").asBoolean());
    assertEquals(List.of("mount=", "pid=/proc/7/ns/pid", "ipc=/proc/7/ns/ipc",
        "network=/run/netns/lp-u1", "uts=/proc/7/ns/uts"),
        texts(SPECS.container(json("{}"), json("{'name':'c'}"), ImageConfig.ofCmd("x"), Map.of(),
            HOLDER.joining(7, true), List.of(), "/c").path("linux").path("namespaces")),
        "shareProcessNamespace joins the holder's pid namespace");
  }

  @Test
  void processFromTheSpecOverTheImage() {
    JsonNode p = spec("{'metadata':{'name':'web-0'},'spec':{'securityContext':{'runAsUser':1000,"
        + "'runAsGroup':3000,'supplementalGroups':[4000],'fsGroup':2000}}}",
        "{'name':'app','command':['sh','-c','echo $(X)'],'workingDir':'/w','securityContext':"
        + "{'runAsUser':1001,'readOnlyRootFilesystem':true,'allowPrivilegeEscalation':false}}").path("process");
    assertEquals(List.of("sh", "-c", "echo 1"), texts(p.path("args")));
    assertEquals("/w", p.path("cwd").asText());
    assertEquals(1001, p.path("user").path("uid").asLong());
    assertEquals(3000, p.path("user").path("gid").asLong());
    assertEquals("[4000,2000]", p.path("user").path("additionalGids").toString());
    assertTrue(p.path("noNewPrivileges").asBoolean());
    assertTrue(texts(p.path("env")).contains("X=1"));
    assertEquals(1000, p.path("oomScoreAdj").asInt(), "BestEffort");
    JsonNode s = spec("{}", "{'name':'a','securityContext':{'readOnlyRootFilesystem':true}}");
    assertTrue(s.path("root").path("readonly").asBoolean());
    assertEquals("/", s.path("process").path("cwd").asText());
    assertFalse(s.path("process").path("noNewPrivileges").asBoolean());
  }

  @Test
  void anImageUserIsTakenWhenNumericAndRefusedWhenAName() {
    JsonNode pod = json("{}");
    JsonNode c = json("{'name':'a'}");
    JsonNode user = SPECS.container(pod, c, new ImageConfig(List.of(), List.of("x"), List.of(), "", "65534:65533"),
        Map.of(), JOINING, List.of(), "/c").path("process").path("user");
    assertEquals(65534, user.path("uid").asLong());
    assertEquals(65533, user.path("gid").asLong());
    assertThrows(IllegalArgumentException.class, () -> SPECS.container(pod, c,
        new ImageConfig(List.of(), List.of("x"), List.of(), "", "nobody"), Map.of(), JOINING, List.of(), "/c"));
  }

  @Test
  void resourcesBecomeCgroupSettingsAndNoOomScoreIsNegative() {
    JsonNode s = spec("{'spec':{'containers':[{'resources':{'limits':{'memory':'64Mi'}}}]}}",
        "{'name':'a','resources':{'requests':{'cpu':'250m'},'limits':{'cpu':'1500m','memory':'64Mi'}}}");
    JsonNode r = s.path("linux").path("resources");
    assertEquals(256, r.path("cpu").path("shares").asLong());
    assertEquals(150_000, r.path("cpu").path("quota").asLong());
    assertEquals(100_000, r.path("cpu").path("period").asLong());
    assertEquals(64L << 20, r.path("memory").path("limit").asLong());
    assertEquals("[{\"allow\":false,\"access\":\"rwm\"}]", r.path("devices").toString());
    assertFalse(s.path("process").has("oomScoreAdj"), "Guaranteed and Burstable keep the node's");
  }

  @Test
  void capabilitiesAndPrivileged() {
    JsonNode caps = spec("{}", "{'name':'a','securityContext':{'capabilities':{'add':['NET_ADMIN'],"
        + "'drop':['KILL','cap_chown']}}}").path("process").path("capabilities");
    List<String> effective = texts(caps.path("effective"));
    assertTrue(effective.contains("CAP_NET_ADMIN") && effective.contains("CAP_SETUID"));
    assertFalse(effective.contains("CAP_KILL") || effective.contains("CAP_CHOWN"));
    assertEquals(List.of("CAP_NET_BIND_SERVICE"), texts(spec("{}", "{'name':'a','securityContext':"
        + "{'capabilities':{'drop':['ALL'],'add':['NET_BIND_SERVICE']}}}")
        .path("process").path("capabilities").path("bounding")));
    JsonNode privileged = spec("{}", "{'name':'a','securityContext':{'privileged':true}}");
    List<String> all = texts(privileged.path("process").path("capabilities").path("permitted"));
    assertTrue(all.contains("CAP_SYS_ADMIN"));
    assertFalse(all.contains("CAP_SYS_RESOURCE"), "only what the node holds");
    assertFalse(privileged.path("linux").has("maskedPaths"));
    assertTrue(privileged.path("linux").path("resources").path("devices").get(0).path("allow").asBoolean());
    assertTrue(texts(spec("{}", "{'name':'a'}").path("linux").path("maskedPaths")).contains("/proc/kcore"));
  }

  @Test
  void hostnameIsTheSpecsOrThePodsNameCut() {
    assertEquals("h", OciSpec.hostname(json("{'metadata':{'name':'p'},'spec':{'hostname':'h'}}")));
    String longName = "a".repeat(62) + "-b";
    assertEquals("a".repeat(62), OciSpec.hostname(json("{'metadata':{'name':'" + longName + "'}}")));
  }
}
