package io.logplane.node.internal.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.nft.TableSync;
import io.logplane.node.internal.nft.WatchedObjects;
import java.util.List;

/**
 * The service proxy of one node: holds the Services and EndpointSlices it is told of and keeps
 * its nftables table ({@link ProxyRules}) in step with them through a {@link TableSync}: a burst
 * of changes costs one or two {@code nft -f} transactions, and a change is in the kernel a sync's
 * time after it arrived. Nothing is synced before both collections have been listed once, so a
 * Service is never rejected for want of endpoints merely not read yet. {@link #close} removes
 * the table. Once a sync is in, the UDP flows it left stale are deleted from the kernel's
 * connection tracking ({@link StaleFlows}), so they follow the new rules.
 *
 * <p>The collection methods may be called from any thread.
 */
public final class ServiceProxy implements AutoCloseable {
  /** Packets rejected for want of endpoints, and dropped for an unallocated address. */
  public record Counters(long rejected, long dropped) {}

  private final WatchedObjects services;
  private final WatchedObjects slices;
  private final TableSync table;
  private final Conntrack conntrack;
  /** The ports of the sync under way, then of the last one in the kernel; the sync thread's. */
  private List<ProxiedPort> syncing = List.of();
  private List<ProxiedPort> synced = List.of();

  /**
   * @param table    the nftables table (family {@code ip}) the proxy owns
   * @param nodeName the node's name: endpoints with this {@code nodeName} are local
   */
  public ServiceProxy(String table, ProxyRules.Ranges ranges, String nodeName) {
    TableSync[] sync = new TableSync[1];
    this.services = new WatchedObjects(() -> sync[0].request());
    this.slices = new WatchedObjects(() -> sync[0].request());
    this.conntrack = new Conntrack();
    this.table = new TableSync("ip", table, () -> services.isListed() && slices.isListed(), previous -> {
      syncing = ServicePorts.of(services.values(), slices.values(), nodeName);
      return ProxyRules.sync(table, ranges, syncing, previous);
    });
    this.table.afterSync(() -> {
      List<ProxiedPort> before = synced;
      synced = syncing;
      conntrack.delete(StaleFlows.commands(before, synced));
    });
    sync[0] = this.table;
  }

  /** What the Services' list and watch deliver. */
  WatchedObjects services() {
    return services;
  }

  /** What the EndpointSlices' list and watch deliver. */
  WatchedObjects slices() {
    return slices;
  }

  /** Every Service, as a list found them. */
  public void servicesListed(List<JsonNode> items) {
    services.listed(items);
  }

  /** Every EndpointSlice, as a list found them. */
  public void slicesListed(List<JsonNode> items) {
    slices.listed(items);
  }

  /** A watch event of a Service: {@code ADDED}, {@code MODIFIED} or {@code DELETED}. */
  public void serviceChanged(String type, JsonNode service) {
    services.changed(type, service);
  }

  /** A watch event of an EndpointSlice. */
  public void sliceChanged(String type, JsonNode slice) {
    slices.changed(type, slice);
  }

  /** How long the last sync took, from reading the objects to the end of {@code nft -f}. */
  public long lastSyncNanos() {
    return table.lastSyncNanos();
  }

  /** How many syncs succeeded. */
  public long syncs() {
    return table.syncs();
  }

  /** The packets the proxy's rules rejected and dropped so far; blocking. */
  public Counters counters() {
    return new Counters(table.packets(ProxyRules.NO_ENDPOINTS), table.packets(ProxyRules.UNALLOCATED));
  }

  /** Whether the table is in the kernel; blocking. */
  public boolean installed() {
    return table.installed();
  }

  /** Stops syncing and removes the table; blocking. */
  @Override
  public void close() {
    table.close();
  }
}
