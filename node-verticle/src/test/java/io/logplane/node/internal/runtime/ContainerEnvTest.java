package io.logplane.node.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerEnvTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ImageConfig IMAGE = new ImageConfig(List.of("/entry"), List.of("--default"),
      List.of("PATH=/image/bin", "LANG=C", "FROM_IMAGE=1"), "/srv", "");

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void literalsExpandAgainstTheVariablesBeforeThemAndValueFromComesFromTheCaller() {
    JsonNode c = json("{'env':[{'name':'A','value':'a'},{'name':'B','value':'$(A)-$(LATER)-$(FROM)'},"
        + "{'name':'S','valueFrom':{'secretKeyRef':{'name':'s','key':'k'}}},{'name':'LATER','value':'l'},"
        + "{'name':'FROM','value':'override $(FROM)'}]}");
    Map<String, String> from = new LinkedHashMap<>();
    from.put("FROM", "cm");
    Map<String, String> env = ContainerEnv.of(c, from, Map.of("S", "$(A) stays"));
    assertEquals(List.of("FROM", "A", "B", "S", "LATER"), List.copyOf(env.keySet()));
    assertEquals("a-$(LATER)-cm", env.get("B"));
    assertEquals("$(A) stays", env.get("S"), "a valueFrom is not expanded");
    assertEquals("override cm", env.get("FROM"));
    assertFalse(ContainerEnv.of(c, from, Map.of()).containsKey("S"),
        "a valueFrom the caller left out (optional, missing) stays unset");
  }

  @Test
  void commandAndArgsFallBackOnTheImageAsDockerDoes() {
    Map<String, String> env = Map.of("X", "x");
    assertEquals(List.of("/entry", "--default"), ContainerEnv.args(json("{}"), IMAGE, env));
    assertEquals(List.of("/entry", "a-x", "$(Y)"),
        ContainerEnv.args(json("{'args':['a-$(X)','$(Y)']}"), IMAGE, env));
    assertEquals(List.of("sh", "$(X)"),
        ContainerEnv.args(json("{'command':['sh','$$(X)']}"), IMAGE, env), "image cmd ignored");
    assertEquals(List.of("sh", "-c", "echo x"),
        ContainerEnv.args(json("{'command':['sh'],'args':['-c','echo $(X)']}"), IMAGE, env));
    assertThrows(IllegalArgumentException.class,
        () -> ContainerEnv.args(json("{}"), new ImageConfig(List.of(), List.of(), List.of(), "", ""), env));
  }

  @Test
  void theProcessGetsTheImagesVariablesThenHostnameThenTheSpecs() {
    Map<String, String> spec = new LinkedHashMap<>();
    spec.put("LANG", "en");
    spec.put("X", "x");
    assertEquals(List.of("PATH=/image/bin", "LANG=en", "FROM_IMAGE=1", "HOSTNAME=web-0", "X=x"),
        ContainerEnv.processEnv(IMAGE, "web-0", spec));
    assertEquals("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ContainerEnv.processEnv(ImageConfig.ofCmd("x"), "h", Map.of()).get(0), "a default PATH");
  }

  @Test
  void aProcessWithATerminalHasTermXtermWhichTheImageAndTheSpecMayOverride() {
    assertEquals(List.of("TERM=xterm", "PATH=/image/bin", "LANG=C", "FROM_IMAGE=1", "HOSTNAME=h"),
        ContainerEnv.processEnv(IMAGE, "h", Map.of(), true));
    assertEquals(List.of("TERM=vt100", "PATH=/image/bin", "LANG=C", "FROM_IMAGE=1", "HOSTNAME=h"),
        ContainerEnv.processEnv(IMAGE, "h", Map.of("TERM", "vt100"), true));
  }
}
