package io.logplane.launcher.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaHomesTest {

  @TempDir Path dir;
  Path jvms;
  Path jdk17;
  Path jdk25;
  Path jdk21;

  @BeforeEach
  void homes() throws IOException {
    jvms = Files.createDirectory(dir.resolve("jvm"));
    jdk17 = jdk(jvms.resolve("java-17-openjdk"), "JAVA_VERSION=\"17.0.15\"", true);
    jdk25 = jdk(jvms.resolve("temurin-25-jdk"), "IMPLEMENTOR=\"Eclipse\"\nJAVA_VERSION=\"25\"\n", true);
    jdk21 = jdk(jvms.resolve("jdk-21"), "JAVA_VERSION=\"21.0.2\"", false);
    Files.createDirectories(jvms.resolve("jdk-99-no-release/bin"));
    executable(jvms.resolve("jdk-99-no-release/bin/java"));
  }

  @Test
  void theNewestIsTheHighestReleaseWithAJavaBinary() {
    assertEquals(Optional.of(jdk25), JavaHomes.newest(JavaHomes.candidates("", jvms)));
    assertEquals(Optional.of(jdk17), JavaHomes.newest(List.of(jdk21, jdk17, jvms.resolve("jdk-99-no-release"))));
    assertEquals(Optional.empty(), JavaHomes.newest(List.of(jdk21)));
  }

  @Test
  void ofEqualVersionsThePathsComesFirst() throws IOException {
    Path other17 = jdk(dir.resolve("other-17"), "JAVA_VERSION=\"17\"", true);
    assertEquals(Optional.of(other17), JavaHomes.newest(List.of(other17, jdk17)));
  }

  @Test
  void thePathsJavaIsFollowedToItsHomeAndComesBeforeTheDirectorysSorted() throws IOException {
    Path bin = Files.createDirectory(dir.resolve("usr-bin"));
    Files.createSymbolicLink(bin.resolve("java"), jdk17.resolve("bin/java"));
    List<Path> candidates = JavaHomes.candidates(dir.resolve("nothing") + ":" + bin, jvms);
    assertEquals(jdk17.toRealPath(), candidates.get(0));
    assertEquals(List.of(jdk17, jdk21, jvms.resolve("jdk-99-no-release"), jdk25),
        candidates.subList(1, candidates.size()));
    assertEquals(List.of(jdk17.toRealPath()), JavaHomes.candidates(bin.toString(), dir.resolve("absent")));
  }

  @Test
  void theServerRunsOnTheNewestAndTheRestOnTheLaunchersJava() {
    List<Path> candidates = JavaHomes.candidates("", jvms);
    assertEquals(new JavaHomes.Java(jdk25.resolve("bin/java"), 25),
        JavaHomes.choose(Map.of(), true, candidates, jdk17));
    assertEquals(new JavaHomes.Java(jdk17.resolve("bin/java"), 17),
        JavaHomes.choose(Map.of(), false, candidates, jdk17));
    assertEquals(new JavaHomes.Java(jdk17.resolve("bin/java"), 17),
        JavaHomes.choose(Map.of(), true, List.of(jdk21), jdk17));
  }

  @Test
  void logplaneJavaThenJavaHomeOverrideTheChoice() {
    List<Path> candidates = JavaHomes.candidates("", jvms);
    String java17 = jdk17.resolve("bin/java").toString();
    assertEquals(new JavaHomes.Java(Path.of(java17), 17),
        JavaHomes.choose(Map.of("LOGPLANE_JAVA", java17, "JAVA_HOME", jdk25.toString()), true, candidates, jdk25));
    assertEquals(new JavaHomes.Java(jdk17.resolve("bin/java"), 17),
        JavaHomes.choose(Map.of("JAVA_HOME", jdk17.toString()), true, candidates, jdk25));
    assertEquals(new JavaHomes.Java(jdk25.resolve("bin/java"), 25),
        JavaHomes.choose(Map.of("JAVA_HOME", jdk21.toString(), "LOGPLANE_JAVA", ""), true, candidates, jdk17),
        "a JAVA_HOME without an executable java is passed over");
  }

  private static Path jdk(Path home, String release, boolean withJava) throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), release);
    if (withJava) {
      executable(home.resolve("bin/java"));
    } else {
      Files.createFile(home.resolve("bin/java"));
    }
    return home;
  }

  private static void executable(Path file) throws IOException {
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }
}
