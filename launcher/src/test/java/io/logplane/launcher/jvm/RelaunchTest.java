package io.logplane.launcher.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelaunchTest {

  @Test
  void aJvmStartedWithoutOptionsStartsTheChild() {
    assertTrue(Relaunch.wanted(Map.of(), List.of()));
    assertTrue(Relaunch.wanted(Map.of("LOGPLANE_NO_RELAUNCH", ""), List.of()));
  }

  @Test
  void notWhenToldNotTo() {
    assertFalse(Relaunch.wanted(Map.of("LOGPLANE_NO_RELAUNCH", "1"), List.of()));
  }

  @Test
  void notWhenJavaWasGivenOptionsOfTheUsers() {
    assertFalse(Relaunch.wanted(Map.of(), List.of("-Xmx768m")));
    assertFalse(Relaunch.wanted(Map.of(), List.of("-agentlib:jdwp=transport=dt_socket,server=y")));
  }

  @Test
  void optionsFromTheEnvironmentAreTheMachinesNotTheUsers() {
    Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", " -Xss2m -Dfile.encoding=UTF-8", "JDK_JAVA_OPTIONS", "-Xss3m");
    assertEquals(List.of(),
        Relaunch.userOptions(List.of("-Xss2m", "-Dfile.encoding=UTF-8", "-Xss3m"), env));
    assertEquals(List.of("-Xmx1g"), Relaunch.userOptions(List.of("-Xss3m", "-Xmx1g"), env));
  }
}
