package io.logplane.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.KubeConfig;
import io.logplane.projections.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code logplane keys}: the keys Secrets are sealed with at rest. {@code rotate} starts a new
 * key generation on the server (new writes are sealed with new keys, stored Secrets re-sealed in
 * the background, then the old keys destroyed), {@code --wait} until that is done;
 * {@code status} prints the generation and how many Secrets each generation seals. Both need a
 * user RBAC lets use the paths (cluster-admin).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
    subcommands = {KeysCommand.Rotate.class, KeysCommand.Status.class},
    description = "Manage the keys Secrets are sealed with at rest.")
public final class KeysCommand implements Runnable {

  static final String STATUS = "/logplane/v1/secretkeys";

  @Override
  public void run() {
    System.err.println("logplane keys: say what to do (rotate, status)");
  }

  /** {@code logplane keys rotate}. */
  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Seal Secrets with new keys from now on, re-seal the stored ones, then destroy the old keys.")
  static final class Rotate implements Callable<Integer> {

    @Mixin
    KubeconfigOptions kubeconfig;

    @Spec
    CommandSpec spec;

    @Option(names = "--wait", description = "Wait until every stored Secret is re-sealed and the old keys are gone.")
    boolean await;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION",
        description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws Exception {
      Duration limit = io.logplane.bench.Units.duration(timeout);
      KubeConfig config = kubeconfig.load();
      if (config == null) {
        return 2;
      }
      PrintWriter out = spec.commandLine().getOut();
      try (KubeClient client = new KubeClient(config, "logplane-keys", 1, Duration.ofSeconds(30))) {
        JsonNode status = send(client, "POST", STATUS + "/rotate", spec);
        if (status == null) {
          return 1;
        }
        out.println("Secrets are sealed with key generation " + status.path("generation").asInt()
            + " from now on; stored Secrets are re-sealed in the background.");
        out.flush();
        if (!await) {
          return 0;
        }
        Instant deadline = Instant.now().plus(limit);
        while (status.path("resealing").asBoolean(true)) {
          if (Instant.now().isAfter(deadline)) {
            spec.commandLine().getErr().println("logplane keys rotate: still re-sealing after " + timeout + ": "
                + status.path("secretsByGeneration"));
            return 1;
          }
          Thread.sleep(200);
          status = send(client, "GET", STATUS, spec);
          if (status == null) {
            return 1;
          }
        }
        out.println("Every stored Secret is sealed with key generation " + status.path("generation").asInt()
            + "; the older keys are destroyed.");
        out.flush();
        return 0;
      }
    }
  }

  /** {@code logplane keys status}. */
  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Print the key generation and how many stored Secrets each generation seals.")
  static final class Status implements Callable<Integer> {

    @Mixin
    KubeconfigOptions kubeconfig;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      KubeConfig config = kubeconfig.load();
      if (config == null) {
        return 2;
      }
      try (KubeClient client = new KubeClient(config, "logplane-keys", 1, Duration.ofSeconds(30))) {
        JsonNode status = send(client, "GET", STATUS, spec);
        if (status == null) {
          return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("GENERATION   SECRETS BY GENERATION   RESEALING");
        StringBuilder counts = new StringBuilder();
        status.path("secretsByGeneration").fields().forEachRemaining(e ->
            counts.append(counts.length() == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue().asInt()));
        out.printf("%-12d %-23s %s%n", status.path("generation").asInt(), counts.length() == 0 ? "<none>" : counts,
            status.path("resealing").asBoolean());
        out.flush();
        return 0;
      }
    }
  }

  /** The server's answer, or null with its reason printed. */
  private static JsonNode send(KubeClient client, String method, String path, CommandSpec spec) throws Exception {
    KubeClient.Response r = client.send(method, path, method.equals("POST") ? "{}" : null);
    if (!r.ok()) {
      spec.commandLine().getErr().println("logplane keys: the server answered " + r.status() + ": "
          + Json.MAPPER.readTree(r.body()).path("message").asText(r.body()));
      return null;
    }
    return Json.MAPPER.readTree(r.body());
  }
}
