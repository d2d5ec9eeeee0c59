package io.logplane.kubeclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * What a client needs from one kubeconfig context: where the server is, how to trust it, and
 * how to authenticate.
 *
 * @param server        the cluster's server URL, without a trailing slash
 * @param caPem         PEM of the certificate authorities to trust, or null for the JDK's
 * @param insecure      {@code insecure-skip-tls-verify}: trust any server certificate
 * @param authorization the {@code Authorization} header value (Bearer or Basic), or null
 * @param clientCertPem PEM client certificate chain, or null
 * @param clientKeyPem  PEM private key of the client certificate, or null
 */
public record KubeConfig(
    URI server,
    byte[] caPem,
    boolean insecure,
    String authorization,
    byte[] clientCertPem,
    byte[] clientKeyPem) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Reads the file and resolves the named context, or {@code current-context} when null. */
  public static KubeConfig load(Path file, String context) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Path dir = file.toAbsolutePath().getParent();
      return parse(text, dir, context);
    } catch (IOException e) {
      throw new KubeConfigException("cannot read kubeconfig " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses kubeconfig YAML. Relative file references ({@code certificate-authority},
   * {@code client-key}, {@code tokenFile}, ...) are resolved against {@code baseDir}, as
   * kubectl does.
   *
   * @throws KubeConfigException when the context, cluster or user is missing or the user
   *     authenticates in a way this client does not support (exec or auth-provider plugins)
   */
  public static KubeConfig parse(String yaml, Path baseDir, String context) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new KubeConfigException("kubeconfig is not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new KubeConfigException("kubeconfig is empty");
    }
    String ctxName = context != null ? context : root.path("current-context").asText("");
    if (ctxName.isEmpty()) {
      throw new KubeConfigException("kubeconfig has no current-context and none was given");
    }
    JsonNode ctx = named(root, "contexts", ctxName).path("context");
    JsonNode cluster = named(root, "clusters", ctx.path("cluster").asText("")).path("cluster");
    String userName = ctx.path("user").asText("");
    JsonNode user = userName.isEmpty() ? YAML.createObjectNode()
        : named(root, "users", userName).path("user");

    String server = cluster.path("server").asText("");
    if (server.isEmpty()) {
      throw new KubeConfigException("cluster of context " + ctxName + " has no server");
    }
    while (server.endsWith("/")) {
      server = server.substring(0, server.length() - 1);
    }
    Sources files = new Sources(baseDir);
    return new KubeConfig(
        URI.create(server),
        files.dataOrFile(cluster, "certificate-authority-data", "certificate-authority"),
        cluster.path("insecure-skip-tls-verify").asBoolean(false),
        authorization(user, userName, files),
        files.dataOrFile(user, "client-certificate-data", "client-certificate"),
        files.dataOrFile(user, "client-key-data", "client-key"));
  }

  private static String authorization(JsonNode user, String name, Sources files) {
    if (user.has("exec") || user.has("auth-provider")) {
      throw new KubeConfigException("user " + name
          + " uses an exec or auth-provider credential plugin, which is not supported;"
          + " use a token or a client certificate");
    }
    String token = user.path("token").asText("");
    if (token.isEmpty() && user.hasNonNull("tokenFile")) {
      token = new String(files.read(user.get("tokenFile").asText()), StandardCharsets.UTF_8)
          .trim();
    }
    if (!token.isEmpty()) {
      return "Bearer " + token;
    }
    if (user.hasNonNull("username")) {
      String pair = user.get("username").asText() + ":" + user.path("password").asText("");
      return "Basic " + Base64.getEncoder().encodeToString(
          pair.getBytes(StandardCharsets.UTF_8));
    }
    return null;
  }

  private static JsonNode named(JsonNode root, String list, String name) {
    for (JsonNode entry : root.path(list)) {
      if (name.equals(entry.path("name").asText())) {
        return entry;
      }
    }
    throw new KubeConfigException("kubeconfig has no entry named '" + name + "' in " + list);
  }

  /** Inline base64 data or a file path, whichever the entry has. */
  private record Sources(Path baseDir) {
    byte[] dataOrFile(JsonNode node, String dataKey, String fileKey) {
      if (node.hasNonNull(dataKey)) {
        try {
          return Base64.getMimeDecoder().decode(node.get(dataKey).asText());
        } catch (IllegalArgumentException e) {
          throw new KubeConfigException(dataKey + " is not valid base64", e);
        }
      }
      return node.hasNonNull(fileKey) ? read(node.get(fileKey).asText()) : null;
    }

    byte[] read(String name) {
      Path p = Path.of(name);
      Path resolved = p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
      try {
        return Files.readAllBytes(resolved);
      } catch (IOException e) {
        throw new KubeConfigException("cannot read " + resolved + ": " + e.getMessage(), e);
      }
    }
  }
}
