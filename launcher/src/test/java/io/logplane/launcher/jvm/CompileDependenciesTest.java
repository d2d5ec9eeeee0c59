package io.logplane.launcher.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompileDependenciesTest {

  @Test
  void everyListedClassIsOnTheServersClassPathOnce() {
    // A renamed class, or a library's anonymous class renumbered, would silently stop being initialized.
    List<String> names = CompileDependencies.names();
    List<String> missing = names.stream().filter(name -> {
      try {
        Class.forName(name, false, CompileDependencies.class.getClassLoader());
        return false;
      } catch (ClassNotFoundException e) {
        return true;
      }
    }).toList();
    assertEquals(List.of(), missing);
    assertTrue(names.contains("io.logplane.api.http.ApiException"), names.toString());
    assertEquals(names.size(), new HashSet<>(names).size(), "no name twice");
  }

  @Test
  void initializesAListedClassAndPassesOverAMissingOne() {
    assertTrue(CompileDependencies.initialize("io.logplane.api.http.ApiException"));
    assertFalse(CompileDependencies.initialize("io.logplane.NoSuchClass"));
  }
}
