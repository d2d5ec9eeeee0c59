package io.logplane.api.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/** The kubeconfig file kubectl and client libraries read to reach and authenticate to Logplane. */
public final class Kubeconfig {

  private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .build());

  private Kubeconfig() {}

  /**
   * A kubeconfig with one cluster, one user and one context {@code userName@clusterName}, which
   * is the current context. The CA and any client certificate are embedded (base64 of the PEM, as
   * {@code kubectl config --embed-certs} writes them).
   *
   * @param token a bearer token, or null to authenticate by client certificate only
   * @param clientCertPem a client certificate, or null; given together with {@code clientKeyPem}
   * @throws IllegalArgumentException when no credential is given, or a certificate without its key
   */
  public static String render(String clusterName, String serverUrl, String caPem, String userName,
      String token, String clientCertPem, String clientKeyPem) {
    if ((clientCertPem == null) != (clientKeyPem == null)) {
      throw new IllegalArgumentException("client certificate and key must be given together");
    }
    if (token == null && clientCertPem == null) {
      throw new IllegalArgumentException("a kubeconfig user needs a token or a client certificate");
    }
    String contextName = userName + "@" + clusterName;
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("apiVersion", "v1").put("kind", "Config");
    ObjectNode cluster = root.putArray("clusters").addObject().put("name", clusterName)
        .putObject("cluster");
    cluster.put("server", serverUrl).put("certificate-authority-data", base64(caPem));
    ObjectNode user = root.putArray("users").addObject().put("name", userName).putObject("user");
    if (token != null) {
      user.put("token", token);
    }
    if (clientCertPem != null) {
      user.put("client-certificate-data", base64(clientCertPem))
          .put("client-key-data", base64(clientKeyPem));
    }
    root.putArray("contexts").addObject().put("name", contextName).putObject("context")
        .put("cluster", clusterName).put("user", userName);
    root.put("current-context", contextName);
    root.putObject("preferences");
    try {
      return YAML.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render kubeconfig", e);
    }
  }

  /** Writes {@code yaml} to {@code file} atomically (temporary file, then rename), mode 0600. */
  public static void write(Path file, String yaml) {
    SecureFiles.write(file, yaml, true);
  }

  private static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
  }
}
