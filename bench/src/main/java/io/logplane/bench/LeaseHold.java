package io.logplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.KubeClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * The bench holding the {@code kube-scheduler} Lease, so that a leader-elected scheduler stands
 * aside while the pods are created and they are all pending when it starts: taken (a live holder
 * is overwritten), renewed every 5 s from a thread of its own, and released as client-go's
 * ReleaseOnCancel releases it, when the scenario says or at the latest when the run ends or the
 * JVM exits. Writes carry the resourceVersion read; a conflict reads the Lease again.
 */
final class LeaseHold implements AutoCloseable {
  static final Duration RENEW_EVERY = Duration.ofSeconds(5);
  private static final int ATTEMPTS = 20;

  private final KubeClient client;
  private final String identity;
  private final PrintWriter out;
  private final ScheduledExecutorService renewer;
  private final Thread hook;
  /** The Lease before the bench took it; null when there was none. */
  private final JsonNode before;
  private final boolean beforeLive;
  private final long takenAt;
  private JsonNode current;
  private boolean held;

  private LeaseHold(KubeClient client, String identity, PrintWriter out, JsonNode before) {
    this.client = client;
    this.identity = identity;
    this.out = out;
    this.before = before;
    this.beforeLive = before != null && LeaseBodies.live(before, Instant.now());
    this.current = before;
    this.takenAt = System.nanoTime();
    this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bench-lease-renewer");
      t.setDaemon(true);
      return t;
    });
    this.hook = new Thread(this::close, "bench-lease-release");
  }

  /**
   * Takes the Lease for {@code identity} and keeps it until {@link #release}.
   *
   * @throws BenchException when the Lease can be neither read nor written
   */
  static LeaseHold take(KubeClient client, String identity, PrintWriter out)
      throws InterruptedException {
    LeaseHold hold = new LeaseHold(client, identity, out, read(client));
    synchronized (hold) {
      hold.write(lease -> lease == null ? LeaseBodies.created(identity, Instant.now())
          : LeaseBodies.held(lease, identity, Instant.now()));
      hold.held = true;
    }
    Runtime.getRuntime().addShutdownHook(hold.hook);
    long every = RENEW_EVERY.toMillis();
    hold.renewer.scheduleWithFixedDelay(hold::renew, every, every, TimeUnit.MILLISECONDS);
    return hold;
  }

  /** Whether a Lease existed before the bench took it. */
  boolean existed() {
    return before != null;
  }

  /** Who held the Lease before, when someone renewed it within its duration; else empty. */
  String liveHolderBefore() {
    return beforeLive ? LeaseBodies.holder(before) : "";
  }

  /**
   * Waits until the holder the bench took the Lease from must have stood aside: a lease
   * duration after the take (an elector stops leading within its renew deadline, shorter than
   * that). Returns at once when nobody held it.
   */
  Duration awaitStandAside() {
    if (!beforeLive) {
      return Duration.ZERO;
    }
    long until = takenAt + Duration.ofSeconds(LeaseBodies.durationSeconds(before)).toNanos();
    long left = until - System.nanoTime();
    if (left > 0) {
      LockSupport.parkNanos(left);
    }
    return Duration.ofNanos(Math.max(0, left));
  }

  private synchronized void renew() {
    if (!held) {
      return;
    }
    try {
      write(lease -> {
        if (lease != null && !identity.equals(LeaseBodies.holder(lease))) {
          out.printf("scheduler: the Lease was taken by '%s' while the bench held it; taking it"
              + " back%n", LeaseBodies.holder(lease));
          out.flush();
        }
        return lease == null ? LeaseBodies.created(identity, Instant.now())
            : LeaseBodies.held(lease, identity, Instant.now());
      });
    } catch (RuntimeException e) {
      out.println("scheduler: renewing the Lease failed: " + e.getMessage());
      out.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Gives the Lease up (only if the bench still holds it) and stops renewing; does nothing the
   * second time.
   *
   * @return {@link System#nanoTime()} when the release was answered
   */
  synchronized long release() throws InterruptedException {
    if (!held) {
      return System.nanoTime();
    }
    held = false;
    renewer.shutdownNow();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // This is the hook running.
    }
    write(lease -> lease != null && identity.equals(LeaseBodies.holder(lease))
        ? LeaseBodies.released(lease, Instant.now()) : null);
    return System.nanoTime();
  }

  /** Releases, reporting instead of throwing: for finally blocks and the shutdown hook. */
  @Override
  public void close() {
    try {
      release();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      out.println("scheduler: releasing the Lease failed: " + e.getMessage());
      out.flush();
    }
  }

  /**
   * Writes {@code change(current)}: a create when it is null, else an update at its
   * resourceVersion; a conflict or a missing Lease reads it again and retries. A change of null
   * writes nothing.
   */
  private void write(UnaryOperator<JsonNode> change) throws InterruptedException {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      JsonNode next = change.apply(current);
      if (next == null) {
        return;
      }
      KubeClient.Response r = send(current == null ? "POST" : "PUT",
          current == null ? LeaseBodies.COLLECTION : LeaseBodies.PATH, next.toString());
      if (r.ok()) {
        current = parse(r.body());
        return;
      }
      if (r.status() != 409 && r.status() != 404) {
        throw new BenchException("cannot write the Lease " + LeaseBodies.NAMESPACE + "/"
            + LeaseBodies.NAME + ": HTTP " + r.status() + " " + r.body());
      }
      current = read(client);
    }
    throw new BenchException("cannot write the Lease: " + ATTEMPTS + " conflicts in a row");
  }

  private KubeClient.Response send(String method, String path, String body)
      throws InterruptedException {
    try {
      return client.send(method, path, body);
    } catch (IOException e) {
      throw new BenchException("cannot reach the server: " + e.getMessage(), e);
    }
  }

  /** The Lease as the server has it, or null when there is none. */
  private static JsonNode read(KubeClient client) throws InterruptedException {
    try {
      KubeClient.Response r = client.send("GET", LeaseBodies.PATH, null);
      if (r.status() == 404) {
        return null;
      }
      if (!r.ok()) {
        throw new BenchException("cannot read the Lease: HTTP " + r.status() + " " + r.body());
      }
      return parse(r.body());
    } catch (IOException e) {
      throw new BenchException("cannot reach the server: " + e.getMessage(), e);
    }
  }

  private static ObjectNode parse(String body) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(body);
    } catch (IOException | ClassCastException e) {
      throw new BenchException("the server answered a Lease that is not JSON: " + body, e);
    }
  }
}
