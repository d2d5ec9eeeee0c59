package io.logplane.launcher.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

  @TempDir
  Path dir;

  @Test
  void trainingRecordsTheCacheBesideTheJarAndServersStartFromItOnceItIsThere() throws Exception {
    Path jar = Files.writeString(dir.resolve("logplane.jar"), "jar");
    Path cache = dir.resolve(AotCache.FILE);
    assertEquals(List.of("-Xlog:aot*=off", "-XX:AOTCacheOutput=" + cache), AotCache.options("train", 25, Map.of(), jar));
    assertEquals(List.of(), AotCache.options("up", 25, Map.of(), jar), "no cache yet");
    Files.writeString(cache, "cache");
    Files.setLastModifiedTime(cache, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
    for (String command : List.of("up", "server")) {
      assertEquals(List.of("-Xlog:aot*=off", "-XX:AOTCache=" + cache), AotCache.options(command, 25, Map.of(), jar));
    }
    assertEquals(List.of(), AotCache.options("bench", 25, Map.of(), jar), "clients start as they did");
  }

  @Test
  void aCacheOlderThanTheJarAnOlderJdkNoJarOrTheOptOutMeanNoCache() throws Exception {
    Path jar = Files.writeString(dir.resolve("logplane.jar"), "jar");
    Path cache = Files.writeString(dir.resolve(AotCache.FILE), "cache");
    Files.setLastModifiedTime(cache, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 1000));
    assertEquals(List.of(), AotCache.options("up", 25, Map.of(), jar), "a cache from an earlier build");
    Files.setLastModifiedTime(cache, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
    assertEquals(List.of(), AotCache.options("up", 21, Map.of(), jar));
    assertEquals(List.of(), AotCache.options("train", 24, Map.of(), jar), "JDK 24's cache holds no profiles");
    assertEquals(List.of(), AotCache.options("up", 25, Map.of(), null));
    assertEquals(List.of(), AotCache.options("up", 25, Map.of("LOGPLANE_AOT", "off"), jar));
  }
}
