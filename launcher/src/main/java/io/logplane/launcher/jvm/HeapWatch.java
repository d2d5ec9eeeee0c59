package io.logplane.launcher.jvm;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when what the heap still holds after a collection nears its maximum: the server's heap
 * is sized for a cluster of about 15,000 objects ({@link JvmOptions}), and a bigger one should
 * be told how to raise it before it spends its time collecting.
 */
public final class HeapWatch {

  /** The share of the maximum that, still live after a collection, is worth a warning. */
  static final double NEAR = 0.75;

  /** How long every collection must leave the heap that full before the warning. */
  static final long SUSTAINED_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

  /** The least time between two warnings: a full heap is collected many times a second. */
  static final long QUIET_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);

  private static final Logger LOG = LoggerFactory.getLogger(HeapWatch.class);

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private HeapWatch() {}

  /**
   * Watches the tenured pool of the running JVM (when it has one with a maximum); once per JVM.
   * A collection can leave the tenured pool full of what the next marking finds dead (G1 frees
   * it in its mixed collections), so one full reading says little: the warning comes only when
   * every collection for {@link #SUSTAINED_NANOS} left it over {@link #NEAR} of the heap. During a
   * benchmark's 30,000 creates a single reading said 466 MiB while 245 MiB were live.
   */
  public static void start() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    long max = Runtime.getRuntime().maxMemory();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old") && max > 0) {
        watch(pool.getName(), (long) (max * NEAR), max);
        return;
      }
    }
  }

  private static void watch(String pool, long threshold, long max) {
    Sustained full = new Sustained(SUSTAINED_NANOS);
    Gate gate = new Gate(QUIET_NANOS);
    NotificationListener listener = (n, handback) -> {
      if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
        return;
      }
      MemoryUsage after = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo()
          .getMemoryUsageAfterGc().get(pool);
      long now = System.nanoTime();
      if (after != null && full.update(now, after.getUsed() >= threshold) && gate.open(now)) {
        LOG.warn("{}", message(after.getUsed(), max));
      }
    };
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
      }
    }
  }

  /** Whether a condition held at every reading for a span of time: a reading that fails starts it again. */
  static final class Sustained {
    private final long span;
    private boolean holding;
    private long since;

    Sustained(long span) {
      this.span = span;
    }

    synchronized boolean update(long now, boolean holds) {
      if (!holds) {
        holding = false;
        return false;
      }
      if (!holding) {
        holding = true;
        since = now;
      }
      return now - since >= span;
    }
  }

  /** Lets one warning through, then none until {@code quiet} nanoseconds have passed. */
  static final class Gate {
    private final long quiet;
    private long last;
    private boolean passed;

    Gate(long quiet) {
      this.quiet = quiet;
    }

    synchronized boolean open(long now) {
      if (passed && now - last < quiet) {
        return false;
      }
      passed = true;
      last = now;
      return true;
    }
  }

  static String message(long live, long max) {
    return String.format("the heap still holds %d MiB of its %d MiB after a collection: for a cluster this"
        + " size, restart with a larger heap, e.g. LOGPLANE_JAVA_OPTS=\"-Xmx%dm -XX:+UseG1GC"
        + " -XX:MaxGCPauseMillis=20\"", live >> 20, max >> 20, 2 * (max >> 20));
  }
}
