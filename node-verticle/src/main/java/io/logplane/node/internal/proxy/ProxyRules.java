package io.logplane.node.internal.proxy;

import io.logplane.node.internal.nft.RuleSet;
import io.logplane.node.internal.nft.Sync;
import java.util.ArrayList;
import java.util.List;

/**
 * The nftables rules of the service proxy, laid out as kube-proxy's nftables mode lays them
 * out, in one {@code ip} table of the node's own. Pure: {@link #sync} turns the ports to serve
 * and what the previous sync made into one {@code nft -f} script, applied as one transaction.
 *
 * <ul>
 *   <li>{@code nat-prerouting} and {@code nat-output} (dstnat) jump to {@code services}: the
 *       verdict map {@code service-ips} sends {@code address . protocol . port} of a cluster or
 *       load-balancer IP to the port's chain, {@code service-nodeports} sends a node port on any
 *       local address to it.
 *   <li>A port's chain {@code svc-ID} marks traffic from outside the cluster CIDR for
 *       masquerade, sends a client with an affinity entry back to its endpoint, and otherwise
 *       picks an endpoint by {@code numgen random}. {@code ext-ID} is the way in for node ports
 *       and load-balancer IPs, after {@code externalTrafficPolicy}.
 *   <li>An endpoint's chain {@code ep-ID__IP/PORT} marks hairpin traffic (a pod to itself) for
 *       masquerade, records the client in the affinity set, and DNATs.
 *   <li>{@code filter-forward} and {@code filter-output} (priority -10, before the uplink drop
 *       rules) jump to {@code checks}: a port without ready endpoints is rejected by
 *       {@code no-endpoints}, an unused port of a Service's address is rejected, and any other
 *       address of the Service CIDR or a load-balancer pool is dropped by {@code unallocated},
 *       so no packet for those ranges is routed out of the host.
 *   <li>{@code nat-postrouting} masquerades what was marked.
 * </ul>
 *
 * <p>A sync after the first touches only what changed ({@link RuleSet}): it rewrites the chains
 * whose rules changed, deletes and adds the map elements that changed, and deletes the chains and
 * affinity sets no port needs any more, all in one transaction; the affinity sets of remaining
 * endpoints keep their entries. The first sync replaces the table, as does one after
 * {@link Sync#none()}.
 */
public final class ProxyRules {
  /** The mark that asks {@code nat-postrouting} to masquerade, as kube-proxy's. */
  static final String MASQ_MARK = "0x4000";
  /** The chain whose counter counts the packets dropped for unallocated addresses. */
  public static final String UNALLOCATED = "unallocated";
  /** The chain whose counter counts the packets rejected for want of endpoints. */
  public static final String NO_ENDPOINTS = "no-endpoints";

  /** The ranges the rules know: the pod network, the Service CIDR, the load-balancer pools. */
  public record Ranges(String clusterCidr, String serviceCidr, List<String> loadBalancerPools) {
    public Ranges {
      loadBalancerPools = List.copyOf(loadBalancerPools);
    }

    List<String> virtual() {
      List<String> all = new ArrayList<>();
      all.add(serviceCidr);
      all.addAll(loadBalancerPools);
      return all;
    }
  }

  private static final List<String> BASE = List.of(
      "filter-forward { type filter hook forward priority -10 ; policy accept ; }",
      "filter-output { type filter hook output priority -10 ; policy accept ; }",
      "nat-prerouting { type nat hook prerouting priority -100 ; policy accept ; }",
      "nat-output { type nat hook output priority -100 ; policy accept ; }",
      "nat-postrouting { type nat hook postrouting priority 100 ; policy accept ; }");
  private static final List<String> MAPS = List.of(
      "map service-ips { type ipv4_addr . inet_proto . inet_service : verdict ; }",
      "map service-nodeports { type inet_proto . inet_service : verdict ; }",
      "map no-endpoint-services { type ipv4_addr . inet_proto . inet_service : verdict ; }",
      "map no-endpoint-nodeports { type inet_proto . inet_service : verdict ; }",
      "set cluster-ips { type ipv4_addr ; }");

  private ProxyRules() {}

  /** The script that brings table {@code table} from {@code previous} to serving {@code ports}. */
  public static Sync sync(String table, Ranges ranges, List<ProxiedPort> ports, Sync previous) {
    RuleSet body = new RuleSet("ip " + table, BASE, MAPS);
    body.rule("filter-forward", "jump checks");
    body.rule("filter-output", "jump checks");
    body.rule("nat-prerouting", "jump services");
    body.rule("nat-output", "jump services");
    body.rule("nat-postrouting", "jump masquerading");
    body.rule("services", "ip daddr . meta l4proto . th dport vmap @service-ips");
    body.rule("services", "fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport"
        + " vmap @service-nodeports");
    body.rule("mark-for-masquerade", "mark set mark or " + MASQ_MARK);
    body.rule("masquerading", "mark and " + MASQ_MARK + " == 0 return");
    body.rule("masquerading", "mark set mark xor " + MASQ_MARK);
    body.rule("masquerading", "masquerade fully-random");
    body.rule("checks", "ip daddr . meta l4proto . th dport vmap @no-endpoint-services");
    body.rule("checks", "fib daddr type local meta l4proto . th dport vmap @no-endpoint-nodeports");
    body.rule("checks", "ip daddr @cluster-ips reject");
    body.rule("checks", "ip daddr { " + String.join(", ", ranges.virtual()) + " } goto " + UNALLOCATED);
    body.rule(NO_ENDPOINTS, "counter reject");
    body.rule(UNALLOCATED, "counter drop");
    for (ProxiedPort p : ports) {
      portRules(body, ranges, p);
    }
    return body.script(previous);
  }

  private static void portRules(RuleSet body, Ranges ranges, ProxiedPort p) {
    String proto = p.protocol();
    List<String> addresses = new ArrayList<>();
    addresses.add(p.clusterIp());
    addresses.addAll(p.ingressIps());
    addresses.forEach(a -> body.element("cluster-ips", a));
    if (p.ready().isEmpty()) {
      for (String a : addresses) {
        body.element("no-endpoint-services", a + " . " + proto + " . " + p.port() + " : goto " + NO_ENDPOINTS);
      }
      if (p.nodePort() > 0) {
        body.element("no-endpoint-nodeports", proto + " . " + p.nodePort() + " : goto " + NO_ENDPOINTS);
      }
      return;
    }
    String svc = "svc-" + p.id();
    String ext = "ext-" + p.id();
    body.element("service-ips", p.clusterIp() + " . " + proto + " . " + p.port() + " : goto " + svc);
    body.rule(svc, "ip saddr != " + ranges.clusterCidr() + " jump mark-for-masquerade");
    pick(body, svc, p, p.clusterEndpoints());
    if (p.ingressIps().isEmpty() && p.nodePort() == 0) {
      return;
    }
    for (String a : p.ingressIps()) {
      body.element("service-ips", a + " . " + proto + " . " + p.port() + " : goto " + ext);
    }
    if (p.nodePort() > 0) {
      body.element("service-nodeports", proto + " . " + p.nodePort() + " : goto " + ext);
    }
    if (p.externalLocal()) {
      // The host's own traffic is not external: it may go anywhere, masqueraded.
      body.rule(ext, "fib saddr type local jump mark-for-masquerade");
      body.rule(ext, "fib saddr type local goto " + svc);
      pick(body, ext, p, p.readyLocal());
    } else {
      body.rule(ext, "jump mark-for-masquerade");
      body.rule(ext, "goto " + svc);
    }
  }

  /** Rules of {@code chain} that send to one of {@code endpoints}, or drop without any. */
  private static void pick(RuleSet body, String chain, ProxiedPort p, List<ProxiedPort.Endpoint> endpoints) {
    if (endpoints.isEmpty()) {
      body.rule(chain, "counter drop"); // ready endpoints elsewhere only: kube-proxy drops too
      return;
    }
    List<String> choices = new ArrayList<>();
    for (ProxiedPort.Endpoint e : endpoints) {
      String ep = endpointChain(body, p, e);
      if (p.affinitySeconds() > 0) {
        body.rule(chain, "ip saddr @" + affinitySet(p, e) + " goto " + ep);
      }
      choices.add(choices.size() + " : goto " + ep);
    }
    body.rule(chain, "numgen random mod " + choices.size() + " vmap { " + String.join(", ", choices) + " }");
  }

  private static String endpointChain(RuleSet body, ProxiedPort p, ProxiedPort.Endpoint e) {
    String ep = "ep-" + p.id() + "__" + e.ip() + "/" + e.port();
    if (body.has(ep)) {
      return ep;
    }
    body.rule(ep, "ip saddr " + e.ip() + " jump mark-for-masquerade");
    if (p.affinitySeconds() > 0) {
      String set = affinitySet(p, e);
      body.set(set, "{ type ipv4_addr ; flags dynamic,timeout ; timeout " + p.affinitySeconds() + "s ; }");
      body.rule(ep, "update @" + set + " { ip saddr }");
    }
    body.rule(ep, "meta l4proto " + p.protocol() + " dnat to " + e.ip() + ":" + e.port());
    return ep;
  }

  private static String affinitySet(ProxiedPort p, ProxiedPort.Endpoint e) {
    return "aff-" + p.id() + "__" + e.ip() + "/" + e.port();
  }
}
