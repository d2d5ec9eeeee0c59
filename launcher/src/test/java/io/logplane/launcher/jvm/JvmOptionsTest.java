package io.logplane.launcher.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {

  private static final List<String> SERVER = List.of("-Xms64m", "-Xmx576m", "-XX:+UseG1GC",
      "-XX:MaxGCPauseMillis=20", "-XX:+UnlockExperimentalVMOptions", "-XX:G1NewSizePercent=40");
  private static final List<String> CLIENT = List.of("-Xmx2g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");
  private static final List<String> REBUILD = List.of("-Xmx4g", "-Xmn2g", "-XX:+UseG1GC");
  private static final List<String> REBUILD_C1 =
      List.of("-Xmx4g", "-Xmn2g", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1");

  @Test
  void serversGetAHeapSizedForAGibibyteAndClientsALargerOneBothOnTheNewestJdk() {
    for (List<String> args : List.of(List.of("up"), List.of("server", "--kafka", "k:9092"))) {
      JvmOptions.Choice choice = JvmOptions.forCommand(args);
      assertEquals(SERVER, choice.options(), args.toString());
      assertTrue(choice.newestJdk(), args.toString());
    }
    List<String> training = new java.util.ArrayList<>(SERVER);
    training.add("-XX:CICompilerCount=4");
    assertEquals(training, JvmOptions.forCommand(List.of("train")).options(), "a server's, with more C2 threads");
    for (List<String> args : List.of(List.of("bench"), List.of("hollow-nodes"), List.of("history", "deploy/web"),
        List.<String>of())) {
      JvmOptions.Choice choice = JvmOptions.forCommand(args);
      assertEquals(CLIENT, choice.options(), args.toString());
      assertTrue(choice.newestJdk(), args.toString());
    }
  }

  @Test
  void aKafkaNodeGetsASmallHeapItsRecordsLiveInThePageCache() {
    JvmOptions.Choice choice = JvmOptions.forCommand(List.of("kafka", "--id", "1"));
    assertEquals(List.of("-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"), choice.options());
  }

  @Test
  void childrenGetTwoMallocArenasUnlessTheUserChoseOtherwise() {
    assertEquals(Map.of("MALLOC_ARENA_MAX", "2"), JvmOptions.environment(Map.of("PATH", "/bin")));
    assertEquals(Map.of(), JvmOptions.environment(Map.of("MALLOC_ARENA_MAX", "8")));
  }

  @Test
  void helpTheVersionHistoryAndImagesRunInTheJvmTheyWereStartedIn() {
    for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("up", "--help"), List.of("-V"),
        List.of("--version"), List.of("help", "up"), List.of("history", "deploy/web"), List.of("images", "list"))) {
      assertFalse(JvmOptions.needsOwnJvm(args), args::toString);
    }
    for (List<String> args : List.of(List.of("up"), List.of("server"), List.of("replay", "--to", "3"),
        List.of("bench"), List.of("bench-history"))) {
      assertTrue(JvmOptions.needsOwnJvm(args), args::toString);
    }
  }

  @Test
  void aReplayLoadingTheChangelogRunsC1OnlyAndDecidingKeepsC2() {
    assertEquals(new JvmOptions.Choice(REBUILD_C1, false), JvmOptions.forCommand(List.of("replay", "--to", "42")));
    assertEquals(new JvmOptions.Choice(REBUILD, false),
        JvmOptions.forCommand(List.of("replay", "--to", "42", "--decide")));
  }

  @Test
  void benchHistoryRunsC1OnlyWhenItOnlyLoadsTheChangelog() {
    assertEquals(new JvmOptions.Choice(REBUILD, false), JvmOptions.forCommand(List.of("bench-history")));
    assertEquals(new JvmOptions.Choice(REBUILD_C1, false),
        JvmOptions.forCommand(List.of("bench-history", "--changelog-only")));
  }

  @Test
  void theCommandIsTheFirstArgumentOnly() {
    assertEquals(CLIENT, JvmOptions.forCommand(List.of("history", "replay", "--decide")).options());
  }

  @Test
  void java24AndLaterAllowUnsafeMemoryAccess() {
    JvmOptions.Choice up = JvmOptions.forCommand(List.of("up"));
    assertEquals(SERVER, JvmOptions.effective(up, Map.of(), 17));
    assertEquals(SERVER, JvmOptions.effective(up, Map.of(), 23));
    List<String> on24 = JvmOptions.effective(up, Map.of(), 24);
    assertEquals("--sun-misc-unsafe-memory-access=allow", on24.get(0));
    assertEquals(SERVER, on24.subList(1, on24.size()));
    assertFalse(JvmOptions.effective(up, Map.of(), 0).contains("--sun-misc-unsafe-memory-access=allow"));
  }

  @Test
  void logplaneJavaOptsReplacesTheTableUnlessEmpty() {
    JvmOptions.Choice replay = JvmOptions.forCommand(List.of("replay"));
    assertEquals(List.of("-Xmx1g", "-XX:+UseSerialGC"),
        JvmOptions.effective(replay, Map.of("LOGPLANE_JAVA_OPTS", " -Xmx1g  -XX:+UseSerialGC "), 17));
    assertEquals(List.of("--sun-misc-unsafe-memory-access=allow", "-Xmx1g"),
        JvmOptions.effective(replay, Map.of("LOGPLANE_JAVA_OPTS", "-Xmx1g"), 25));
    assertEquals(REBUILD_C1, JvmOptions.effective(replay, Map.of("LOGPLANE_JAVA_OPTS", " "), 17));
  }
}
