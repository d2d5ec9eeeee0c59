package io.logplane.controllers.ingress;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informer;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Ingress controller's control side: each Ingress served gets {@code status.loadBalancer}
 * set to the address the proxy serves on, as ingress-nginx publishes its own; a backend Service
 * or TLS Secret that does not exist gets a Warning Event on the Ingress (once while it lasts):
 * the proxy answers 503 for that backend, and serves the default certificate for those hosts.
 * Every other Ingress keeps being served.
 */
public final class IngressStatusController implements Reconciler {

  private final Informer ingresses;
  private final Informer classes;
  private final Informer services;
  private final Informer secrets;
  private final ObjectWriter writer;
  private final EventRecorder events;
  private final String address;
  /** Per Ingress key, the warnings already recorded and still true. */
  private final Map<String, Set<String>> warned = new ConcurrentHashMap<>();

  private IngressStatusController(ControllerContext ctx, String address) {
    this.ingresses = ctx.informers().informer(RouteCache.INGRESSES);
    this.classes = ctx.informers().informer(IngressClasses.PREFIX);
    this.services = ctx.informers().informer(Upstreams.SERVICES);
    this.secrets = ctx.informers().informer("core/secrets/");
    this.writer = ctx.writer("ingress-controller");
    this.events = new EventRecorder(writer, "logplane-ingress-controller", null, ctx.clock());
    this.address = address;
  }

  /** Ingresses, woken too by their namespace's Services and Secrets; {@code address} is what the proxy serves on. */
  public static Controller controller(ControllerContext ctx, String address) {
    IngressStatusController c = new IngressStatusController(ctx, address);
    return Controller.named("ingress").reconciles(RouteCache.INGRESSES)
        .watches(Upstreams.SERVICES, c::inNamespace).watches("core/secrets/", c::inNamespace)
        .watches(IngressClasses.PREFIX, o -> c.ingresses.list().stream().map(IngressStatusController::key).toList())
        .build(c);
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode ingress = ingresses.get(key);
    if (ingress == null || !IngressClasses.served(ingress, classes)) {
      warned.remove(key);
      return Result.DONE;
    }
    warn(ingress, key);
    ArrayNode want = Json.MAPPER.createArrayNode();
    want.addObject().put(isIp(address) ? "ip" : "hostname", address);
    if (want.equals(ingress.path("status").path("loadBalancer").path("ingress"))) {
      return Result.DONE;
    }
    ObjectNode copy = ingress.deepCopy();
    copy.putObject("status").putObject("loadBalancer").set("ingress", want);
    try {
      writer.updateStatus(Key.parse(key), copy).join();
    } catch (CompletionException e) {
      // Changed meanwhile: its event queues the key again.
      if (!(e.getCause() instanceof WriteRefused)) {
        throw e;
      }
    }
    return Result.DONE;
  }

  private void warn(ObjectNode ingress, String key) {
    IngressSpec spec = IngressSpec.of(ingress);
    Set<String> now = new TreeSet<>();
    for (Backend b : spec.backends()) {
      if (services.get(Upstreams.SERVICES + b.namespace() + "/" + b.service()) == null) {
        now.add("ServiceNotFound\nService \"" + b.namespace() + "/" + b.service()
            + "\" does not exist: its requests are answered 503");
      }
    }
    for (IngressSpec.Tls t : spec.tls()) {
      if (secrets.get(t.secret()) == null) {
        Key s = Key.parse(t.secret());
        now.add("SecretNotFound\nSecret \"" + s.namespace() + "/" + s.name() + "\" does not exist: the default"
            + " certificate is served for " + String.join(", ", t.hosts()));
      }
    }
    Set<String> before = warned.getOrDefault(key, Set.of());
    for (String w : now) {
      if (!before.contains(w)) {
        String[] reasonAndMessage = w.split("\n", 2);
        events.warning(ingress, reasonAndMessage[0], reasonAndMessage[1]);
      }
    }
    warned.put(key, now);
  }

  private Collection<String> inNamespace(ObjectNode o) {
    String ns = Metadata.text(o, "namespace");
    return ingresses.list().stream().filter(i -> ns != null && ns.equals(Metadata.text(i, "namespace")))
        .map(IngressStatusController::key).toList();
  }

  private static String key(ObjectNode ingress) {
    return RouteCache.INGRESSES + Metadata.text(ingress, "namespace") + "/" + Metadata.text(ingress, "name");
  }

  private static boolean isIp(String a) {
    return a.matches("[0-9.]+") || a.contains(":");
  }
}
