package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.events.Command;
import io.logplane.events.EventLog;
import io.logplane.events.LogEntry;
import io.logplane.launcher.Cluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl --as} is refused with kube-apiserver's 403 and its reason until impersonation
 * is authorized, instead of running, and being recorded, as the admin; the log gets nothing of it.
 */
class ImpersonationIT {

  private static final String REFUSED_BOB = "users \"bob\" is forbidden: User \"admin\" cannot impersonate resource"
      + " \"users\" in API group \"\" at the cluster scope: impersonation is not supported yet";

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void kubectlAsAnotherUserIsForbiddenAndWritesNothing() throws Exception {
    long end = cluster.log().endOffset().get(30, TimeUnit.SECONDS);
    Kubectl.Result create = kubectl.run("--as=bob", "create", "configmap", "as-bob", "--from-literal=k=v");
    assertNotEquals(0, create.exit(), create.all());
    assertTrue(create.err().contains(REFUSED_BOB), create.all());
    Kubectl.Result get = kubectl.run("--as=bob", "--as-group=devs", "get", "configmaps");
    assertNotEquals(0, get.exit(), get.all());
    assertTrue(get.err().contains(REFUSED_BOB), get.all());
    Kubectl.Result serviceAccount = kubectl.run("--as=system:serviceaccount:ci:builder", "get", "configmaps");
    assertTrue(serviceAccount.err().contains("serviceaccounts \"builder\" is forbidden: User \"admin\" cannot impersonate"
        + " resource \"serviceaccounts\" in API group \"\" in the namespace \"ci\""), serviceAccount.all());

    assertTrue(kubectl.run("get", "configmap", "as-bob").err().contains("NotFound"), "as-bob was created");
    kubectl.ok("create", "configmap", "after-bob", "--from-literal=k=v");
    for (Command c : recordsUntilAfterBob(end)) {
      assertFalse(c.toString().contains("as-bob"), "recorded: " + c);
    }
  }

  /** The records from {@code from} up to the creation of after-bob, which must come. */
  private static List<Command> recordsUntilAfterBob(long from) {
    List<Command> seen = new ArrayList<>();
    try (EventLog.Reader reader = cluster.log().reader(from)) {
      // a Kafka consumer: polled from this thread only
      await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
        for (LogEntry e : reader.poll(Duration.ofMillis(500))) {
          seen.add(e.command());
          if (e.command() instanceof Command.Create c && c.key().endsWith("/after-bob")) {
            return true;
          }
        }
        return false;
      });
    }
    return seen;
  }
}
