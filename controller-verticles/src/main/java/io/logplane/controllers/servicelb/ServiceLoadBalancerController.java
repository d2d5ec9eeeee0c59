package io.logplane.controllers.servicelb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Key;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives each {@code type: LoadBalancer} Service an address of the pool, as k3s's ServiceLB does
 * with the nodes' addresses: the lowest one no other Service holds, written to
 * {@code status.loadBalancer.ingress} ({@code ipMode: VIP}); a Service that stops being of that
 * type has its ingress cleared. This controller is the pool's only writer and reconciles one
 * Service at a time; the addresses it wrote are remembered until its cache shows them, so two
 * Services never get the same one. A full pool leaves the Service pending and is looked at
 * again later.
 */
public final class ServiceLoadBalancerController implements Reconciler {

  /** The pool's default, the nodes' default too: the /24 just past the Service CIDR. */
  public static final String DEFAULT_POOL = "10.112.0.0/24";
  static final String SERVICES = "core/services/";
  private static final Duration POOL_FULL_RETRY = Duration.ofSeconds(30);

  private final Informer services;
  private final ObjectWriter writer;
  private final Pool pool;
  /** What this controller wrote, per Service key, until its cache catches up. */
  private final Map<String, String> written = new ConcurrentHashMap<>();

  private ServiceLoadBalancerController(ControllerContext ctx, Pool pool) {
    this.services = ctx.informers().informer(SERVICES);
    this.writer = ctx.writer("service-lb-controller");
    this.pool = pool;
  }

  public static Controller controller(ControllerContext ctx, String pool) {
    return Controller.named("service-lb").reconciles(SERVICES)
        .build(new ServiceLoadBalancerController(ctx, Pool.of(pool)));
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode svc = services.get(key);
    if (svc == null) {
      written.remove(key);
      return Result.DONE;
    }
    JsonNode ingress = svc.path("status").path("loadBalancer").path("ingress");
    boolean wanted = "LoadBalancer".equals(svc.path("spec").path("type").asText());
    if (!wanted) {
      written.remove(key);
      if (ingress.size() > 0) {
        ObjectNode next = svc.deepCopy();
        next.withObjectProperty("status").putObject("loadBalancer");
        writer.updateStatus(Key.parse(key), next).join();
      }
      return Result.DONE;
    }
    if (ingress.size() > 0) {
      written.remove(key);
      return Result.DONE;
    }
    String address = pool.lowestFree(taken(key));
    if (address == null) {
      return Result.after(POOL_FULL_RETRY);
    }
    ObjectNode next = svc.deepCopy();
    next.withObjectProperty("status").putObject("loadBalancer").putArray("ingress").addObject()
        .put("ip", address).put("ipMode", "VIP");
    written.put(key, address);
    writer.updateStatus(Key.parse(key), next).join();
    return Result.DONE;
  }

  /** The addresses other Services hold or were given. */
  private Set<String> taken(String key) {
    Set<String> taken = new HashSet<>();
    for (ObjectNode s : services.list()) {
      s.path("status").path("loadBalancer").path("ingress").forEach(i -> taken.add(i.path("ip").asText()));
    }
    written.forEach((k, ip) -> {
      if (!k.equals(key)) {
        taken.add(ip);
      }
    });
    return taken;
  }
}
