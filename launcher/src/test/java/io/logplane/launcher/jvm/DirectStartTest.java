package io.logplane.launcher.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectStartTest {

  @TempDir Path dir;

  @Test
  void theFileIsTheKeyTheVariablesThenAnArgumentALine() throws Exception {
    Path jar = Files.createFile(dir.resolve("logplane.jar"));
    DirectStart.keep(jar, Map.of(DirectStart.KEY, "java=/usr/bin/java jdks=a,b,"),
        Map.of("MALLOC_ARENA_MAX", "2", "A", "b"), List.of("/jdk/bin/java", "-Xmx576m", "-XX:AOTCache=/x y/logplane.aot"));
    assertEquals(List.of("java=/usr/bin/java jdks=a,b,", "A=b MALLOC_ARENA_MAX=2", "/jdk/bin/java", "-Xmx576m",
        "-XX:AOTCache=/x y/logplane.aot"), Files.readAllLines(dir.resolve(DirectStart.FILE)));
  }

  @Test
  void withoutTheScriptsKeyNothingIsKept() throws Exception {
    Path jar = Files.createFile(dir.resolve("logplane.jar"));
    DirectStart.keep(jar, Map.of(), Map.of(), List.of("/jdk/bin/java"));
    DirectStart.keep(jar, Map.of(DirectStart.KEY, ""), Map.of(), List.of("/jdk/bin/java"));
    assertFalse(Files.exists(dir.resolve(DirectStart.FILE)));
  }

  @Test
  void whatALineCannotHoldIsNotKept() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> DirectStart.lines("k", Map.of(), List.of("-Da=b\nc")));
    assertThrows(IllegalArgumentException.class, () -> DirectStart.lines("k", Map.of("A", "b c"), List.of()));
    Path jar = Files.createFile(dir.resolve("logplane.jar"));
    DirectStart.keep(jar, Map.of(DirectStart.KEY, "k"), Map.of(), List.of("-Da=b\nc"));
    assertFalse(Files.exists(dir.resolve(DirectStart.FILE)));
  }
}
