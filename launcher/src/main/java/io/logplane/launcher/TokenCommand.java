package io.logplane.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.KubeConfig;
import io.logplane.projections.Json;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code logplane token create}: a bootstrap token, as {@code kubeadm token create} makes one: a
 * Secret {@code kube-system/bootstrap-token-<id>} that lets a joining node authenticate as
 * {@code system:bootstrap:<id>} until it expires, long enough to ask for its client certificate
 * ({@code logplane node --kubeconfig} with the token as its user), which the cluster approves and
 * signs at once. Prints the token.
 */
@Command(name = "token", mixinStandardHelpOptions = true, subcommands = TokenCommand.Create.class,
    description = "Manage bootstrap tokens, with which nodes join the cluster.")
public final class TokenCommand implements Runnable {

  static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  static final String GROUP = "system:bootstrappers:logplane:default-node-token";

  @Override
  public void run() {
    System.err.println("logplane token: say what to do (create)");
  }

  /** {@code logplane token create}. */
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a bootstrap token and print it (ID.SECRET).")
  static final class Create implements Callable<Integer> {

    @Mixin
    KubeconfigOptions kubeconfig;

    @Spec
    CommandSpec spec;

    @Option(names = "--ttl", defaultValue = "24h", paramLabel = "DURATION",
        description = "How long the token is valid (default: ${DEFAULT-VALUE}); 0 for ever.")
    String ttl;

    @Option(names = "--description", description = "What the token is for.")
    String description;

    @Override
    public Integer call() throws Exception {
      Duration valid;
      try {
        valid = io.logplane.bench.Units.duration(ttl);
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("logplane token create: --ttl: " + e.getMessage());
        return 2;
      }
      KubeConfig config = kubeconfig.load();
      if (config == null) {
        return 2;
      }
      SecureRandom random = new SecureRandom();
      String id = random(random, 6);
      String secret = random(random, 16);
      ObjectNode s = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Secret")
          .put("type", "bootstrap.kubernetes.io/token");
      s.putObject("metadata").put("name", "bootstrap-token-" + id).put("namespace", "kube-system");
      ObjectNode data = s.putObject("stringData").put("token-id", id).put("token-secret", secret)
          .put("usage-bootstrap-authentication", "true").put("usage-bootstrap-signing", "true")
          .put("auth-extra-groups", GROUP);
      if (!valid.isZero()) {
        data.put("expiration", Instant.now().plus(valid).truncatedTo(ChronoUnit.SECONDS).toString());
      }
      if (description != null) {
        data.put("description", description);
      }
      try (KubeClient client = new KubeClient(config, "logplane-token", 1, Duration.ofSeconds(30))) {
        KubeClient.Response r = client.send("POST", "/api/v1/namespaces/kube-system/secrets", s.toString());
        if (!r.ok()) {
          spec.commandLine().getErr().println("logplane token create: the server answered " + r.status() + ": "
              + Json.MAPPER.readTree(r.body()).path("message").asText(r.body()));
          return 1;
        }
      }
      spec.commandLine().getOut().println(id + "." + secret);
      spec.commandLine().getOut().flush();
      return 0;
    }

    private static String random(SecureRandom random, int length) {
      StringBuilder b = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      return b.toString();
    }
  }
}
