package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * {@code kubectl --as} runs as the user it names when the caller may impersonate (the admin may):
 * what that user may not do is refused in its name, a refusal the log records as that user's; what
 * it may do is done and recorded as that user.
 */
class ImpersonationIT {

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
  void kubectlAsAnotherUserActsAndIsRecordedAsThatUser() throws Exception {
    long end = cluster.log().endOffset().get(30, TimeUnit.SECONDS);
    Kubectl.Result create = kubectl.run("--as=bob", "create", "configmap", "as-bob", "--from-literal=k=v");
    assertNotEquals(0, create.exit(), create.all());
    assertTrue(create.err().contains("configmaps is forbidden: User \"bob\" cannot create resource \"configmaps\" in"
        + " API group \"\" in the namespace \"default\""), create.all());
    Kubectl.Result serviceAccount = kubectl.run("--as=system:serviceaccount:ci:builder", "get", "configmaps", "-n", "ci");
    assertTrue(serviceAccount.err().contains("configmaps is forbidden: User \"system:serviceaccount:ci:builder\" cannot"
        + " list resource \"configmaps\" in API group \"\" in the namespace \"ci\""), serviceAccount.all());
    assertTrue(kubectl.run("get", "configmap", "as-bob").err().contains("NotFound"), "as-bob was created");

    kubectl.ok("create", "rolebinding", "bob-edits", "--clusterrole=edit", "--user=bob");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
        kubectl.run("--as=bob", "create", "configmap", "by-bob", "--from-literal=k=v").exit() == 0);
    kubectl.ok("create", "configmap", "after-bob", "--from-literal=k=v");
    List<Command> records = recordsUntilAfterBob(end);
    for (Command c : records) {
      assertFalse(c instanceof Command.Create cr && cr.key().endsWith("/as-bob"), "created: " + c);
    }
    Command.Refused refused = records.stream().filter(c -> c instanceof Command.Refused r && r.key().endsWith("/as-bob"))
        .map(c -> (Command.Refused) c).findFirst().orElseThrow();
    assertEquals("bob", refused.meta().actor(), "the refusal is recorded as bob's: " + refused);
    assertEquals(403, refused.code());
    Command.Create byBob = records.stream().filter(c -> c instanceof Command.Create cr && cr.key().endsWith("/by-bob"))
        .map(c -> (Command.Create) c).findFirst().orElseThrow();
    assertEquals("bob", byBob.meta().actor(), "recorded as bob: " + byBob);
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
