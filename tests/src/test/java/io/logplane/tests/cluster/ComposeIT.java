package io.logplane.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/ as a user runs it: the images built here without a registry (the base from debootstrap,
 * {@code logplane} from this build's jar, the load balancer from Debian's HAProxy), then
 * docker/compose.yaml started with {@code docker-compose} on the local dockerd: three
 * {@code logplane kafka} brokers, two replicas sharing one identity, HAProxy in front. kubectl
 * with the kubeconfig a replica wrote works through the load balancer and against either replica,
 * and goes on working through the load balancer while a replica is down. Skipped, saying so, where
 * no Docker daemon answers.
 */
class ComposeIT {

  private static final String PROJECT = "logplane-it";
  private static final String LB_IMAGE = "logplane-lb:it";
  private static final String LB = "https://127.0.0.1:16440";
  private static final String A = "https://127.0.0.1:16443";
  private static final String B = "https://127.0.0.1:16444";

  @TempDir Path dir;

  @Test
  void theComposeClusterServesKubectlThroughTheLoadBalancerAndEitherReplica() throws Exception {
    Assumptions.assumeTrue(Runner.dockerAnswers(), "no Docker daemon answers here, so docker/compose.yaml is not"
        + " started: start one (dockerd --iptables=false --bridge=none) to run this test");
    Path repo = LogplaneImage.repository();
    String image = LogplaneImage.ensure();
    run(Duration.ofMinutes(10), "docker", "build", "--network", "host", "-t", LB_IMAGE, "-f",
        repo.resolve("docker/Dockerfile.lb").toString(), repo.resolve("docker").toString());
    Map<String, String> env = Map.of("LOGPLANE_IMAGE", image, "LOGPLANE_LB_IMAGE", LB_IMAGE);
    List<String> compose = List.of("docker-compose", "-p", PROJECT, "-f",
        repo.resolve("docker/compose.yaml").toString());
    try {
      run(env, Duration.ofMinutes(5), concat(compose, "up", "-d"));
      Path kubeconfig = dir.resolve("kubeconfig");
      // a writes its kubeconfig once it serves; the load balancer's address is put in it, as the README says
      Awaitility.await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
          .until(() -> {
            String id = run(env, Duration.ofSeconds(30), concat(compose, "ps", "-q", "a")).trim();
            run(Duration.ofSeconds(30), "docker", "cp", id + ":/data/kubeconfig", kubeconfig.toString());
            return kubectl(kubeconfig, B, "get", "--raw", "/readyz").equals("ok");
          });
      Files.writeString(kubeconfig, Files.readString(kubeconfig).replace(A, LB));
      String verbose = kubectl(kubeconfig, LB, "get", "--raw", "/readyz?verbose");
      assertTrue(verbose.contains("readyz check passed"), verbose);

      kubectl(kubeconfig, LB, "create", "configmap", "through-lb", "--from-literal=k=v");
      kubectl(kubeconfig, LB, "create", "secret", "generic", "s", "--from-literal=password=s3cr3t");
      for (String server : List.of(A, B)) {
        assertEquals("v", kubectl(kubeconfig, server, "get", "configmap", "through-lb", "-o", "jsonpath={.data.k}"));
        assertEquals("czNjcjN0", kubectl(kubeconfig, server, "get", "secret", "s", "-o",
            "jsonpath={.data.password}"), "the Secret through " + server);
      }

      // a down: the load balancer sends to b, which accepts the same kubeconfig
      run(env, Duration.ofMinutes(1), concat(compose, "kill", "a"));
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
          .until(() -> kubectl(kubeconfig, LB, "create", "configmap", "while-a-is-down", "--from-literal=k=b")
              .contains("created"));
      run(env, Duration.ofMinutes(1), concat(compose, "start", "a"));
      Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
          .until(() -> kubectl(kubeconfig, A, "get", "configmap", "while-a-is-down", "-o", "jsonpath={.data.k}")
              .equals("b"));
    } finally {
      Path logs = repo.resolve("tests/target/compose-it.log");
      try {
        Files.writeString(logs, run(env, Duration.ofMinutes(1), concat(compose, "logs", "--no-color")));
      } catch (IllegalStateException | IOException e) {
        // the logs are a help, not the test
      }
      run(env, Duration.ofMinutes(3), concat(compose, "down", "-v"));
    }
  }

  private static String kubectl(Path kubeconfig, String server, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "--server", server));
    command.addAll(List.of(args));
    return run(Duration.ofSeconds(60), command.toArray(String[]::new)).trim();
  }

  private static String[] concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all.toArray(String[]::new);
  }

  private static String run(Duration timeout, String... command) throws Exception {
    return run(Map.of(), timeout, command);
  }

  /** Runs a command; its output, or a failure with it when it exits non-zero. */
  private static String run(Map<String, String> env, Duration timeout, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path out = Files.createTempFile("compose-it", ".out");
    try {
      Process p = pb.redirectOutput(out.toFile()).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " took over " + timeout + ":\n"
            + Files.readString(out, StandardCharsets.UTF_8));
      }
      String said = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + said);
      }
      return said;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
