package io.logplane.controllers.resourcequota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Quantity;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.informers.Informers;
import io.logplane.projections.policy.QuotaUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * As kube-controller-manager's resourcequota controller: a quota's {@code status.hard} is its
 * {@code spec.hard} and {@code status.used} what the namespace's objects use of each hard
 * resource (see {@link QuotaUsage}), written at the quota's resourceVersion only when it
 * differs, so a usage the state machine counted meanwhile is never overwritten.
 */
public final class ResourceQuotaController implements Reconciler {

  static final String QUOTAS = "core/resourcequotas/";
  private static final List<String> WATCHED = List.of("core/pods/", "core/services/", "core/configmaps/",
      "core/secrets/", "core/persistentvolumeclaims/", "core/replicationcontrollers/");
  private static final String BY_NAMESPACE = "namespace";

  private final Informers informers;
  private final Informer quotas;
  private final ObjectWriter writer;

  private ResourceQuotaController(ControllerContext ctx) {
    this.informers = ctx.informers();
    this.quotas = indexed(QUOTAS);
    this.writer = ctx.writer("resourcequota-controller");
  }

  public static Controller controller(ControllerContext ctx) {
    ResourceQuotaController c = new ResourceQuotaController(ctx);
    Controller.Builder b = Controller.named("resourcequota").reconciles(QUOTAS);
    for (String prefix : WATCHED) {
      b.watches(prefix, c::quotasOf);
    }
    return b.build(c);
  }

  private Informer indexed(String prefix) {
    Informer i = informers.informer(prefix);
    i.addIndex(BY_NAMESPACE, o -> List.of(String.valueOf(Metadata.text(o, "namespace"))));
    return i;
  }

  private List<String> quotasOf(ObjectNode o) {
    String ns = String.valueOf(Metadata.text(o, "namespace"));
    List<String> keys = new ArrayList<>();
    for (ObjectNode q : quotas.byIndex(BY_NAMESPACE, ns)) {
      keys.add(QUOTAS + ns + "/" + Metadata.text(q, "name"));
    }
    return keys;
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode quota = quotas.get(key);
    if (quota == null) {
      return Result.DONE;
    }
    Key k = Key.parse(key);
    JsonNode hard = quota.path("spec").path("hard");
    ObjectNode used = quota.objectNode();
    count(quota, k.namespace()).forEach((r, a) -> used.put(r, a.toString()));
    JsonNode status = quota.path("status");
    if (hard.equals(status.path("hard")) && same(used, status.path("used"))) {
      return Result.DONE;
    }
    ObjectNode next = quota.deepCopy();
    ObjectNode st = next.putObject("status");
    st.set("hard", hard.deepCopy());
    st.set("used", used);
    writer.updateStatus(k, next).join();
    return Result.DONE;
  }

  /** Equal amounts, however written ({@code 1000m} is {@code 1}). */
  private static boolean same(ObjectNode counted, JsonNode recorded) {
    if (counted.size() != recorded.size()) {
      return false;
    }
    for (var it = counted.fields(); it.hasNext();) {
      var e = it.next();
      if (!recorded.has(e.getKey()) || Quantity.of(e.getValue())
          .compareTo(Quantity.of(recorded.get(e.getKey()))) != 0) {
        return false;
      }
    }
    return true;
  }

  private Map<String, Quantity> count(ObjectNode quota, String ns) {
    Map<String, Quantity> used = new TreeMap<>();
    Set<String> prefixes = new TreeSet<>();
    quota.path("spec").path("hard").fieldNames().forEachRemaining(r -> {
      used.put(r, Quantity.ZERO);
      prefixes.add(Kinds.prefixOf(r));
    });
    for (String prefix : prefixes) {
      for (ObjectNode o : indexed(prefix).byIndex(BY_NAMESPACE, ns)) {
        Key ok = Key.parse(prefix + ns + "/" + Metadata.text(o, "name"));
        if (QuotaUsage.matchesScopes(quota, ok, o)) {
          QuotaUsage.usage(ok, o).forEach((r, a) -> used.computeIfPresent(r, (x, sum) -> sum.plus(a)));
        }
      }
    }
    return used;
  }
}
