package io.logplane.node.internal.volumes;

import static io.logplane.node.internal.volumes.MapObjects.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {
  private static final PodFields.Facts FACTS = new PodFields.Facts("192.0.2.1",
      List.of("10.244.0.5"), Map.of("cpu", 4000L, "memory", 8L << 30));
  // "s3cr3t" and "dG9rZW4=" ("token") in base64
  private final MapObjects objects = new MapObjects()
      .put("configmaps", "ns", "cm", "{'data':{'A':'a','B':'b','bad-key!':'x','1X':'y'}}")
      .put("secrets", "ns", "sec", "{'data':{'PASSWORD':'czNjcjN0','token':'dG9rZW4='}}");

  private static JsonNode pod(String container) {
    return json("{'metadata':{'name':'p','namespace':'ns','uid':'u-1','labels':{'app':'web'},"
        + "'annotations':{'team':'a \\\"b\\\"'}},'spec':{'nodeName':'n1','serviceAccountName':'sa',"
        + "'containers':[" + container + "]}}");
  }

  private Map<String, String> env(JsonNode pod) {
    return Env.of(pod, pod.at("/spec/containers/0"), FACTS, objects);
  }

  @Test
  void envFromTakesAllValidKeysWithThePrefixAndEnvOverridesThem() {
    JsonNode pod = pod("{'name':'c','envFrom':[{'configMapRef':{'name':'cm'},'prefix':'P_'},"
        + "{'secretRef':{'name':'sec'}},{'configMapRef':{'name':'gone','optional':true}}],"
        + "'env':[{'name':'P_A','value':'mine $(P_B)'}]}");
    Map<String, String> env = env(pod);
    assertEquals("mine b", env.get("P_A"));
    assertEquals("s3cr3t", env.get("PASSWORD"));
    assertEquals("token", env.get("token"));
    assertFalse(env.containsKey("P_bad-key!"), "an invalid name is skipped");
    assertEquals("y", env.get("P_1X"), "valid once prefixed");
  }

  @Test
  void valueFromReadsKeysFieldsAndResources() {
    JsonNode pod = pod("{'name':'c','resources':{'limits':{'memory':'64Mi'},'requests':{'cpu':'250m'}},'env':["
        + "{'name':'CM','valueFrom':{'configMapKeyRef':{'name':'cm','key':'A'}}},"
        + "{'name':'S','valueFrom':{'secretKeyRef':{'name':'sec','key':'PASSWORD'}}},"
        + "{'name':'OPT','valueFrom':{'secretKeyRef':{'name':'sec','key':'none','optional':true}}},"
        + "{'name':'OPT2','valueFrom':{'configMapKeyRef':{'name':'gone','key':'k','optional':true}}},"
        + "{'name':'NAME','valueFrom':{'fieldRef':{'fieldPath':'metadata.name'}}},"
        + "{'name':'NS','valueFrom':{'fieldRef':{'fieldPath':'metadata.namespace'}}},"
        + "{'name':'UID','valueFrom':{'fieldRef':{'fieldPath':'metadata.uid'}}},"
        + "{'name':'APP','valueFrom':{'fieldRef':{'fieldPath':'metadata.labels[\\u0027app\\u0027]'}}},"
        + "{'name':'TEAM','valueFrom':{'fieldRef':{'fieldPath':'metadata.annotations[\\u0027team\\u0027]'}}},"
        + "{'name':'NODE','valueFrom':{'fieldRef':{'fieldPath':'spec.nodeName'}}},"
        + "{'name':'SA','valueFrom':{'fieldRef':{'fieldPath':'spec.serviceAccountName'}}},"
        + "{'name':'HOST','valueFrom':{'fieldRef':{'fieldPath':'status.hostIP'}}},"
        + "{'name':'IP','valueFrom':{'fieldRef':{'fieldPath':'status.podIP'}}},"
        + "{'name':'IPS','valueFrom':{'fieldRef':{'fieldPath':'status.podIPs'}}},"
        + "{'name':'MEM','valueFrom':{'resourceFieldRef':{'resource':'limits.memory','divisor':'1Mi'}}},"
        + "{'name':'CPU','valueFrom':{'resourceFieldRef':{'resource':'limits.cpu'}}},"
        + "{'name':'REQ','valueFrom':{'resourceFieldRef':{'resource':'requests.cpu','divisor':'1m'}}},"
        + "{'name':'REQ1','valueFrom':{'resourceFieldRef':{'resource':'requests.cpu'}}}]}");
    Map<String, String> env = env(pod);
    assertEquals("a", env.get("CM"));
    assertEquals("s3cr3t", env.get("S"));
    assertFalse(env.containsKey("OPT"));
    assertFalse(env.containsKey("OPT2"));
    assertEquals("p/ns/u-1/web/a \"b\"/n1/sa", String.join("/", env.get("NAME"), env.get("NS"),
        env.get("UID"), env.get("APP"), env.get("TEAM"), env.get("NODE"), env.get("SA")));
    assertEquals("192.0.2.1 10.244.0.5 10.244.0.5",
        env.get("HOST") + " " + env.get("IP") + " " + env.get("IPS"));
    assertEquals("64", env.get("MEM"));
    assertEquals("4", env.get("CPU"), "no cpu limit: the node's allocatable");
    assertEquals("250", env.get("REQ"));
    assertEquals("1", env.get("REQ1"), "rounded up");
  }

  @Test
  void missingObjectsAndKeysFailWithTheKubeletsMessages() {
    assertEquals("configmap \"gone\" not found", error(
        "{'name':'X','valueFrom':{'configMapKeyRef':{'name':'gone','key':'k'}}}"));
    assertEquals("couldn't find key k in ConfigMap ns/cm", error(
        "{'name':'X','valueFrom':{'configMapKeyRef':{'name':'cm','key':'k'}}}"));
    assertEquals("secret \"gone\" not found", error(
        "{'name':'X','valueFrom':{'secretKeyRef':{'name':'gone','key':'k'}}}"));
    assertEquals("couldn't find key k in Secret ns/sec", error(
        "{'name':'X','valueFrom':{'secretKeyRef':{'name':'sec','key':'k'}}}"));
    assertEquals("unsupported fieldPath: spec.nope", error(
        "{'name':'X','valueFrom':{'fieldRef':{'fieldPath':'spec.nope'}}}"));
    JsonNode pod = pod("{'name':'c','envFrom':[{'secretRef':{'name':'gone'}}]}");
    assertEquals("secret \"gone\" not found",
        assertThrows(ConfigError.class, () -> env(pod)).getMessage());
  }

  private String error(String var) {
    JsonNode pod = pod("{'name':'c','env':[" + var + "]}");
    return assertThrows(ConfigError.class, () -> env(pod)).getMessage();
  }
}
