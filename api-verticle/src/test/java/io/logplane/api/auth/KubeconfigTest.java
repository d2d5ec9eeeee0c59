package io.logplane.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

  @TempDir Path dir;

  @Test
  void tokenKubeconfigHasWhatKubectlReads() throws Exception {
    Pki pki = Pki.loadOrCreate(dir, List.of());
    String yaml = Kubeconfig.render("logplane", "https://127.0.0.1:6443", pki.caPem(), "admin", "t0k", null, null);
    JsonNode root = new YAMLMapper().readTree(yaml);
    assertEquals("v1", root.path("apiVersion").asText());
    assertEquals("Config", root.path("kind").asText());
    JsonNode cluster = root.path("clusters").get(0);
    assertEquals("logplane", cluster.path("name").asText());
    assertEquals("https://127.0.0.1:6443", cluster.path("cluster").path("server").asText());
    assertEquals(pki.caPem(), decode(cluster.path("cluster").path("certificate-authority-data")));
    JsonNode user = root.path("users").get(0);
    assertEquals("admin", user.path("name").asText());
    assertEquals("t0k", user.path("user").path("token").asText());
    assertFalse(user.path("user").has("client-certificate-data"));
    JsonNode context = root.path("contexts").get(0);
    assertEquals("admin@logplane", context.path("name").asText());
    assertEquals("logplane", context.path("context").path("cluster").asText());
    assertEquals("admin", context.path("context").path("user").asText());
    assertEquals("admin@logplane", root.path("current-context").asText());
  }

  @Test
  void certificateKubeconfigEmbedsCertAndKey() throws Exception {
    Pki pki = Pki.loadOrCreate(dir, List.of());
    String yaml = Kubeconfig.render("c", "https://localhost:6443", pki.caPem(), "admin", null,
        pki.adminCertPem(), pki.adminKeyPem());
    JsonNode user = new YAMLMapper().readTree(yaml).path("users").get(0).path("user");
    assertEquals(pki.adminCertPem(), decode(user.path("client-certificate-data")));
    assertEquals(pki.adminKeyPem(), decode(user.path("client-key-data")));
    assertFalse(user.has("token"));
  }

  @Test
  void aUserWithoutCredentialsIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Kubeconfig.render("c", "https://x", "ca", "u", null, null, null));
    assertThrows(IllegalArgumentException.class, () -> Kubeconfig.render("c", "https://x", "ca", "u", null, "cert", null));
  }

  @Test
  void writeReplacesTheFileOwnerOnlyAndLeavesNoTemporaryFile() throws Exception {
    Path file = dir.resolve("home/.kube/config");
    Kubeconfig.write(file, "first: 1\n");
    Kubeconfig.write(file, "second: 2\n");
    assertEquals("second: 2\n", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (var listing = Files.list(file.getParent())) {
      assertEquals(List.of(file), listing.toList());
    }
  }

  private static String decode(JsonNode base64) {
    return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
  }
}
