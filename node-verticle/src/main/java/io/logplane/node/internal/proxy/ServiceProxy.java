package io.logplane.node.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.node.internal.runtime.Exec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service proxy of one node: holds the Services and EndpointSlices it is told of and keeps
 * its nftables table ({@link ProxyRules}) in step with them. Each change asks for a sync; syncs
 * run one at a time on a thread of the proxy's own, and changes that arrive during one are
 * taken up by the next, so a burst of changes costs one or two syncs and a change is in the
 * kernel a sync's time after it arrived. A sync is one {@code nft -f} transaction; one that
 * fails is retried a second later as a full replace of the table. Nothing is synced before both
 * collections have been listed once, so a Service is never rejected for want of endpoints
 * merely not read yet. {@link #close} removes the table.
 *
 * <p>The collection methods may be called from any thread.
 */
public final class ServiceProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long RETRY_MILLIS = 1000;

  /** Packets rejected for want of endpoints, and dropped for an unallocated address. */
  public record Counters(long rejected, long dropped) {}

  private final String table;
  private final ProxyRules.Ranges ranges;
  private final String nodeName;
  private final Map<String, JsonNode> services = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> slices = new ConcurrentHashMap<>();
  private final ScheduledExecutorService syncer;
  private final AtomicBoolean wanted = new AtomicBoolean();
  private volatile boolean servicesListed;
  private volatile boolean slicesListed;
  private volatile boolean closed;
  private ProxyRules.Sync applied = ProxyRules.none();
  private volatile long lastSyncNanos;
  private volatile long syncs;

  /**
   * @param table    the nftables table (family {@code ip}) the proxy owns
   * @param nodeName the node's name: endpoints with this {@code nodeName} are local
   */
  public ServiceProxy(String table, ProxyRules.Ranges ranges, String nodeName) {
    this.table = table;
    this.ranges = ranges;
    this.nodeName = nodeName;
    this.syncer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "service-proxy-" + table);
      t.setDaemon(true);
      return t;
    });
  }

  /** Every Service, as a list found them. */
  public void servicesListed(List<JsonNode> items) {
    replace(services, items);
    servicesListed = true;
    requestSync();
  }

  /** Every EndpointSlice, as a list found them. */
  public void slicesListed(List<JsonNode> items) {
    replace(slices, items);
    slicesListed = true;
    requestSync();
  }

  /** A watch event of a Service: {@code ADDED}, {@code MODIFIED} or {@code DELETED}. */
  public void serviceChanged(String type, JsonNode service) {
    change(services, type, service);
  }

  /** A watch event of an EndpointSlice. */
  public void sliceChanged(String type, JsonNode slice) {
    change(slices, type, slice);
  }

  private void replace(Map<String, JsonNode> into, List<JsonNode> items) {
    Map<String, JsonNode> fresh = new java.util.HashMap<>();
    items.forEach(i -> fresh.put(key(i), i));
    into.keySet().retainAll(fresh.keySet());
    into.putAll(fresh);
  }

  private void change(Map<String, JsonNode> into, String type, JsonNode object) {
    if ("DELETED".equals(type)) {
      into.remove(key(object));
    } else {
      into.put(key(object), object);
    }
    requestSync();
  }

  private static String key(JsonNode o) {
    return o.path("metadata").path("namespace").asText() + "/" + o.path("metadata").path("name").asText();
  }

  private void requestSync() {
    if (servicesListed && slicesListed && !closed && wanted.compareAndSet(false, true)) {
      syncer.execute(this::sync);
    }
  }

  private void sync() {
    if (closed) {
      return;
    }
    wanted.set(false); // a change from here on asks for another sync
    long start = System.nanoTime();
    List<ProxiedPort> ports = ServicePorts.of(new ArrayList<>(services.values()),
        new ArrayList<>(slices.values()), nodeName);
    ProxyRules.Sync next = ProxyRules.sync(table, ranges, ports, applied);
    try {
      Exec.check(next.script(), List.of("nft", "-f", "-"));
      applied = next;
      lastSyncNanos = System.nanoTime() - start;
      syncs++;
      LOG.debug("nft table ip {}: {} service ports synced in {} ms", table, ports.size(),
          lastSyncNanos / 1_000_000);
    } catch (RuntimeException e) {
      LOG.warn("nft table ip {} not synced, again as a full replace in {} ms: {}", table,
          RETRY_MILLIS, e.getMessage());
      applied = ProxyRules.none();
      syncer.schedule(() -> {
        if (wanted.compareAndSet(false, true)) {
          sync();
        }
      }, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** How long the last sync took, from reading the objects to the end of {@code nft -f}. */
  public long lastSyncNanos() {
    return lastSyncNanos;
  }

  /** How many syncs succeeded. */
  public long syncs() {
    return syncs;
  }

  /** The packets the proxy's rules rejected and dropped so far; blocking. */
  public Counters counters() {
    return new Counters(packets(ProxyRules.NO_ENDPOINTS), packets(ProxyRules.UNALLOCATED));
  }

  private long packets(String chain) {
    try {
      long n = 0;
      JsonNode listing = JSON.readTree(Exec.check("nft", "-j", "list", "chain", "ip", table, chain));
      for (JsonNode item : listing.path("nftables")) {
        for (JsonNode expr : item.path("rule").path("expr")) {
          n += expr.path("counter").path("packets").asLong(0);
        }
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the table is in the kernel; blocking. */
  public boolean installed() {
    try {
      Exec.check("nft", "list", "table", "ip", table);
      return true;
    } catch (Exec.Failed e) {
      return false;
    }
  }

  /** Stops syncing and removes the table; blocking. */
  @Override
  public void close() {
    closed = true;
    syncer.shutdown();
    try {
      syncer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (installed()) {
      Exec.check("nft", "delete", "table", "ip", table);
    }
  }
}
