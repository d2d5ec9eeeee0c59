package io.logplane.api.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UiAssetsTest {

  private final UiAssets assets = UiAssets.load();

  @Test
  void pathsMapToTheFixedFilesOnly() {
    assertTrue(UiAssets.handles("/ui"));
    assertTrue(UiAssets.handles("/ui/app.js"));
    assertFalse(UiAssets.handles("/uix"));
    assertFalse(UiAssets.handles("/api/v1/ui"));
    assertEquals("index.html", UiAssets.fileOf("/ui/"));
    assertEquals("app.js", UiAssets.fileOf("/ui/app.js"));
    assertNull(UiAssets.fileOf("/ui/../api/ApiServer.class"));
    assertNull(UiAssets.fileOf("/ui/io/logplane/api/table/column-descriptions.json"));
    assertNull(UiAssets.fileOf("/ui/missing.js"));
  }

  @Test
  void theIndexLoadsEveryScriptAndStyleAndNothingElse() {
    String index = text("index.html");
    Matcher m = Pattern.compile("(?:src|href)=\"([^\"#?]+)\"").matcher(index);
    Set<String> referenced = new HashSet<>();
    while (m.find()) {
      if (!m.group(1).equals("./")) {
        referenced.add(m.group(1));
      }
    }
    Set<String> served = new HashSet<>(UiAssets.FILES.keySet());
    served.remove("index.html");
    assertEquals(served, referenced);
  }

  @Test
  void nothingIsLoadedFromTheNetwork() {
    for (String name : UiAssets.FILES.keySet()) {
      String body = text(name);
      assertFalse(body.matches("(?s).*(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/.*"), name + " refers to another site");
      assertFalse(body.contains("innerHTML"), name + " builds markup from strings: data must go in as text");
      assertFalse(body.contains("eval("), name + " evaluates strings");
    }
  }

  @Test
  void theTokenGoesOnlyToSessionStorage() {
    String api = text("api.js");
    assertTrue(api.contains("sessionStorage.setItem"));
    for (String name : UiAssets.FILES.keySet()) {
      assertFalse(text(name).contains("localStorage"), name + " would keep the token beyond the tab");
    }
  }

  private String text(String name) {
    return new String(assets.body(name), StandardCharsets.UTF_8);
  }
}
