package io.logplane.launcher.jvm;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
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

  /** The least time between two warnings: a full heap is collected many times a second. */
  static final long QUIET_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);

  private static final Logger LOG = LoggerFactory.getLogger(HeapWatch.class);

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private HeapWatch() {}

  /** Watches the tenured pool of the running JVM (when it has one with a maximum); once per JVM. */
  public static void start() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      long max = pool.getUsage().getMax();
      if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0
          && pool.getName().contains("Old")) {
        pool.setCollectionUsageThreshold((long) (max * NEAR));
        Gate gate = new Gate(QUIET_NANOS);
        NotificationListener warn = (n, handback) -> {
          if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType())
              && gate.open(System.nanoTime())) {
            LOG.warn("{}", message(pool.getCollectionUsage().getUsed(), Runtime.getRuntime().maxMemory()));
          }
        };
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener(warn, null, null);
        return;
      }
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
