package io.logplane.node.internal.images;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Debian's {@code docker-registry} (the CNCF distribution registry) on 127.0.0.1 and a free
 * port, its storage and config in a directory of the test's; with htpasswd basic auth when
 * given a user, or with the {@code auth:} section given (a token service's). {@link #push}
 * uploads blobs monolithically and puts manifests, as a client
 * pushes an image.
 */
final class LocalRegistry implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Process process;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String authorization;
  final String host;

  LocalRegistry(Path dir, String user, String password) throws IOException {
    this(dir, user == null ? new Auth("", null) : new Auth(htpasswd(dir, user, password), "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
  }

  /**
   * How a registry authenticates.
   *
   * @param section       the config's {@code auth:} section, or empty for none
   * @param authorization the header with which the test pushes, or null
   */
  record Auth(String section, String authorization) {}

  LocalRegistry(Path dir, Auth auth) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    host = "127.0.0.1:" + port;
    String config = "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
        + dir.resolve("storage") + "\n  delete:\n    enabled: true\nhttp:\n  addr: " + host + "\n" + auth.section();
    this.authorization = auth.authorization();
    Files.writeString(dir.resolve("config.yml"), config);
    process = new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> request("GET", "/v2/", null, null).statusCode() != 0);
  }

  private static String htpasswd(Path dir, String user, String password) throws IOException {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    Files.writeString(dir.resolve("htpasswd"), user + ":" + OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 5) + "\n");
    return "auth:\n  htpasswd:\n    realm: basic-realm\n    path: " + dir.resolve("htpasswd") + "\n";
  }

  /** Uploads a blob in one PUT; returns its digest. */
  String pushBlob(String repository, byte[] blob) throws IOException {
    String digest = Digests.of(blob);
    HttpResponse<String> start = request("POST", "/v2/" + repository + "/blobs/uploads/", null, null);
    expect(202, start);
    URI location = URI.create("http://" + host + "/").resolve(start.headers().firstValue("Location").orElseThrow());
    String sep = location.getQuery() == null ? "?" : "&";
    expect(201, request("PUT", location + sep + "digest=" + digest, "application/octet-stream", blob));
    return digest;
  }

  /** Puts a manifest (or index) under a tag or its digest. */
  void pushManifest(String repository, String reference, String mediaType, byte[] manifest) throws IOException {
    expect(201, request("PUT", "/v2/" + repository + "/manifests/" + reference, mediaType, manifest));
  }

  private HttpResponse<String> request(String method, String path, String contentType, byte[] body) throws IOException {
    URI uri = path.startsWith("http") ? URI.create(path) : URI.create("http://" + host + path);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void expect(int status, HttpResponse<String> response) throws IOException {
    if (response.statusCode() != status) {
      throw new IOException(response.request().method() + " " + response.uri() + ": " + response.statusCode() + " " + response.body());
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
