package io.logplane.api.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.ApiContext;
import io.logplane.api.auth.User;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.Bodies;
import io.logplane.api.http.RequestInfo;
import io.logplane.api.resources.ResourceType;
import io.logplane.api.rest.Call;
import io.logplane.projections.metrics.MetricsStore;
import io.logplane.selectors.FieldSelector;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/**
 * Serves {@code /apis/metrics.k8s.io/v1beta1/...}: GET of {@code nodes} and {@code pods} (one,
 * a namespace's, all namespaces') as metrics-server does, and PUT of one report, which is how a
 * node agent reports: {@code PUT .../nodes/NODE} with a NodeMetrics and
 * {@code PUT .../namespaces/NS/pods/POD} with a PodMetrics, every 15 s. Watch, other methods and
 * subresources are refused. Reads do not wait for the log: metrics are not in it.
 */
public final class MetricsRoutes {

  private final ApiContext api;
  private final MetricsStore store;

  public MetricsRoutes(ApiContext api) {
    this.api = api;
    this.store = api.metrics();
  }

  /** True for URLs of this group. */
  public static boolean serves(RequestInfo info) {
    return MetricsTypes.GROUP.equals(info.group());
  }

  /** Answers one request of this group. */
  public void handle(RoutingContext ctx, RequestInfo info, User user, byte[] body) {
    ResourceType type = MetricsTypes.all().stream()
        .filter(t -> t.version().equals(info.version()) && t.resource().equals(info.resource())).findFirst()
        .orElseThrow(() -> ApiException.notFound("the server could not find the requested resource"));
    if (info.subresource() != null || (!type.namespaced() && info.namespace() != null)) {
      throw ApiException.notFound("the server could not find the requested resource");
    }
    Call call = Call.of(ctx, info, type, user);
    HttpMethod method = ctx.request().method();
    try {
      if (method == HttpMethod.PUT && info.name() != null) {
        put(call, type, Bodies.object(ctx.request().getHeader("Content-Type"), body));
      } else if (method == HttpMethod.GET && !call.flag("watch")) {
        get(call, type);
      } else {
        throw ApiException.of(405, "MethodNotAllowed", "the server does not allow this method on the requested"
            + " resource (" + method.name() + (call.flag("watch") ? " watch" : "") + "): "
            + type.resource() + "." + MetricsTypes.GROUP + " serves get and list, and PUT of one report");
      }
    } catch (RuntimeException e) {
      call.fail(e);
    }
  }

  private void put(Call call, ResourceType type, ObjectNode body) {
    ObjectNode report = MetricsReports.read(type, call.namespace(), call.info().name(), body);
    if (type == MetricsTypes.NODES) {
      store.putNode(call.info().name(), report);
    } else {
      store.putPod(call.namespace(), call.info().name(), report);
    }
    call.send(200, report);
  }

  private void get(Call call, ResourceType type) {
    String name = call.info().name();
    LabelSelector labels;
    FieldSelector fields;
    try {
      labels = name != null || call.param("labelSelector") == null ? LabelSelector.everything()
          : LabelSelector.parse(call.param("labelSelector"));
      fields = name != null ? FieldSelector.everything()
          : FieldSelector.parse(type == MetricsTypes.NODES ? "Node" : "Pod", call.param("fieldSelector"));
    } catch (SelectorException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    String ns = call.namespace();
    List<ObjectNode> reports = name == null ? type == MetricsTypes.NODES ? store.nodes() : store.pods(ns)
        : single(type, ns, name);
    api.vertx().executeBlocking(() -> MetricsView.served(type, reports, api.projection().store(), labels, fields,
        Instant.now()), false).onSuccess(served -> {
          if (name == null) {
            call.send(200, MetricsView.list(type, served));
          } else if (served.isEmpty()) {
            call.fail(new ApiException(404, "NotFound", (type == MetricsTypes.NODES ? "nodemetrics" : "podmetrics")
                + "." + MetricsTypes.GROUP + " \"" + (ns == null ? "" : ns + "/") + name + "\" not found", name,
                MetricsTypes.GROUP, type.resource(), null));
          } else {
            call.send(200, served.get(0));
          }
        }).onFailure(call::fail);
  }

  private List<ObjectNode> single(ResourceType type, String ns, String name) {
    ObjectNode one = type == MetricsTypes.NODES ? store.node(name) : store.pod(ns, name);
    return one == null ? List.of() : List.of(one);
  }
}
