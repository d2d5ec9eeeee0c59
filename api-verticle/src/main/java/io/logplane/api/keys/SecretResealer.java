package io.logplane.api.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.admission.SecretCipher;
import io.logplane.events.EventLog;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Projection;
import io.logplane.projections.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates the key generation Secrets are sealed with and re-seals the stored ones in the
 * background, as an administrator rewrites every Secret after changing kube-apiserver's
 * encryption configuration. Each re-seal is an update of the Secret through the one write path,
 * by {@value #USER}, so the log, the history and the audit trail show it; its values do not
 * change. Once no stored Secret is sealed with an older key (and writes sealed before the
 * rotation had time to land), the older keys are destroyed: the log's earlier versions sealed
 * with them are shredded. Events in {@code default} (on the kube-system Namespace) say when a
 * rotation began and ended.
 *
 * <p>It resumes at start: a server stopped midway re-seals what is left.
 */
public final class SecretResealer implements AutoCloseable {

  public static final String USER = "system:logplane:secret-resealer";
  private static final Logger LOG = LoggerFactory.getLogger(SecretResealer.class);
  private static final String PREFIX = "core/secrets/";
  /** How long writes sealed just before a rotation may take to land, before older keys go. */
  private static final long SETTLE_MILLIS = 2_000;

  /**
   * What a rotation has come to.
   *
   * @param generation the key generation new writes are sealed with
   * @param secrets    how many stored Secrets are sealed with each generation
   * @param resealing  true while older keys are still in use
   * @param resealed   the Secrets this server re-sealed since it started
   */
  public record Status(int generation, Map<Integer, Integer> secrets, boolean resealing, long resealed) {}

  private final Projection projection;
  private final EventLog log;
  private final SecretCipher cipher;
  private final ObjectWriter writer;
  private final EventRecorder events;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "secret-resealer");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean queued = new AtomicBoolean();
  private final AtomicLong resealed = new AtomicLong();
  private volatile boolean resealing;
  private volatile long rotatedAt;

  public SecretResealer(Projection projection, EventLog log, SecretCipher cipher, ObjectWriter writer, Clock clock) {
    this.projection = projection;
    this.log = log;
    this.cipher = cipher;
    this.writer = writer;
    this.events = new EventRecorder(writer, "logplane-secret-resealer", null, clock);
  }

  /** Re-seals what an earlier rotation left, if anything. */
  public void start() {
    kick(0);
  }

  /** Starts a new key generation and the re-sealing of every stored Secret; the new generation. */
  public synchronized int rotate(String by) {
    int generation = cipher.rotate();
    rotatedAt = System.currentTimeMillis();
    resealing = true;
    Map<Integer, Integer> counts = counts();
    int stored = counts.values().stream().mapToInt(Integer::intValue).sum();
    LOG.info("secrets are sealed with key generation {} from now on (rotated by {}); re-sealing {} stored secrets",
        generation, by, stored);
    event("KeyRotated", "Secrets are sealed with key generation " + generation + " from now on (rotated by "
        + by + "); " + stored + " stored Secrets to re-seal");
    kick(SETTLE_MILLIS);
    return generation;
  }

  /** The generation, the stored Secrets by generation, and whether re-sealing goes on. */
  public Status status() {
    return new Status(cipher.generation(), counts(), resealing, resealed.get());
  }

  private void kick(long delayMillis) {
    if (queued.compareAndSet(false, true)) {
      executor.schedule(() -> {
        queued.set(false);
        try {
          pass();
        } catch (RuntimeException e) {
          LOG.warn("re-sealing secrets failed, trying again in 5 s: {}", e.toString());
          kick(5_000);
        }
      }, delayMillis, TimeUnit.MILLISECONDS);
    }
  }

  private void pass() {
    int generation = cipher.generation();
    List<ObjectNode> stale = stale(generation);
    if (!stale.isEmpty()) {
      resealing = true;
    }
    long done = 0;
    for (ObjectNode stored : stale) {
      ObjectNode copy = stored.deepCopy();
      if (!cipher.reseal(copy)) {
        continue;
      }
      Key key = new Key("core", "secrets", stored.at("/metadata/namespace").asText(),
          stored.at("/metadata/name").asText());
      try {
        writer.update(key, copy).get(60, TimeUnit.SECONDS);
        done++;
      } catch (Exception e) {
        // changed or deleted meanwhile (a changed one was sealed with the new key): looked at again
        LOG.debug("re-sealing {} waits for the next pass: {}", key, e.toString());
      }
    }
    resealed.addAndGet(done);
    long settle = rotatedAt + SETTLE_MILLIS - System.currentTimeMillis();
    if (!stale.isEmpty() || settle > 0) {
      kick(Math.max(settle, stale.isEmpty() ? 0 : 100));
      return;
    }
    // every write appended so far has been applied, so none sealed with an older key is unseen
    long end = join(log.endOffset());
    join(projection.awaitApplied(end - 1));
    if (!stale(generation).isEmpty()) {
      kick(100);
      return;
    }
    boolean wasResealing = resealing;
    for (String uid : cipher.uidsWithKeys()) {
      cipher.retire(uid, generation);
    }
    resealing = false;
    if (wasResealing) {
      LOG.info("every stored secret is sealed with key generation {}; older keys destroyed", generation);
      event("SecretsResealed", "Every stored Secret is sealed with key generation " + generation
          + "; older keys destroyed (" + resealed.get() + " re-sealed)");
    }
  }

  private List<ObjectNode> stale(int generation) {
    List<ObjectNode> out = new ArrayList<>();
    try (Store.Snapshot snap = projection.store().snapshot()) {
      snap.scan(PREFIX, null, (key, json) -> {
        ObjectNode secret = Json.object(json);
        int g = SecretCipher.generationOf(secret);
        if (g != 0 && g != generation) {
          out.add(secret);
        }
        return true;
      });
    }
    return out;
  }

  private Map<Integer, Integer> counts() {
    Map<Integer, Integer> out = new TreeMap<>();
    try (Store.Snapshot snap = projection.store().snapshot()) {
      snap.scan(PREFIX, null, (key, json) -> {
        int g = SecretCipher.generationOf(Json.object(json));
        if (g != 0) {
          out.merge(g, 1, Integer::sum);
        }
        return true;
      });
    }
    return out;
  }

  private void event(String reason, String message) {
    byte[] ns;
    try (Store.Snapshot snap = projection.store().snapshot()) {
      ns = snap.get("core/namespaces//kube-system");
    }
    if (ns != null) {
      JsonNode involved = Json.object(ns);
      events.normal(involved, reason, message);
    }
  }

  private static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("waiting for the log: " + e, e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
