package io.logplane.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.ApiContext;
import io.logplane.api.auth.User;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.RequestInfo;
import io.logplane.api.resources.ResourceType;
import io.logplane.api.rest.Call;
import io.logplane.api.rest.Negotiation;
import io.logplane.api.rest.Reads;
import io.logplane.api.table.IncludeObject;
import io.logplane.api.table.Printer;
import io.logplane.api.table.TableException;
import io.logplane.api.table.Tables;
import io.logplane.projections.Audit;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Serves {@code /apis/history.logplane.io/v1/...}: get and list of {@code versions} and
 * {@code auditevents} (JSON or Table), and {@code auditevents?format=audit.k8s.io} as one
 * {@code audit.k8s.io/v1 Event} per line. Reads wait for the log end like any other read, so a
 * client sees its own writes; writes are refused with 405.
 */
public final class HistoryRoutes {

  /** The export's content type: newline-delimited JSON. */
  public static final String NDJSON = "application/x-ndjson";
  private static final int EXPORT_DEFAULT_MAX = 100_000;

  private final ApiContext api;
  private final Reads reads;
  private final VersionsQuery versions;
  private final AuditQuery audits;

  public HistoryRoutes(ApiContext api) {
    this.api = api;
    this.reads = new Reads(api);
    this.versions = new VersionsQuery(api.projection().store(), api.registry());
    this.audits = new AuditQuery(api.projection().store());
  }

  /** True for URLs of this group. */
  public static boolean serves(RequestInfo info) {
    return HistoryTypes.GROUP.equals(info.group());
  }

  /** Answers one request of this group. */
  public void handle(RoutingContext ctx, RequestInfo info, User user) {
    ResourceType type = HistoryTypes.all().stream()
        .filter(t -> t.version().equals(info.version()) && t.resource().equals(info.resource())).findFirst()
        .orElseThrow(() -> ApiException.notFound("the server could not find the requested resource"));
    if (info.subresource() != null || (!type.namespaced() && info.namespace() != null)) {
      throw ApiException.notFound("the server could not find the requested resource");
    }
    Call call = Call.of(ctx, info, type, user);
    if (ctx.request().method() != HttpMethod.GET) {
      call.fail(ApiException.of(405, "MethodNotAllowed", "the server does not allow this method on the requested"
          + " resource (" + ctx.request().method().name() + "): " + type.resource() + "." + HistoryTypes.GROUP
          + " is a read-only view of the log"));
      return;
    }
    if (call.query().bool("watch", false)) {
      call.fail(ApiException.of(405, "MethodNotAllowed", "watch is not supported on " + type.resource() + "."
          + HistoryTypes.GROUP + ": list with since= instead"));
      return;
    }
    try {
      Request r = request(call, type);
      reads.barrier(call)
          .compose(applied -> api.vertx().executeBlocking(() -> r.run(), false))
          .onSuccess(body -> {
            if (body instanceof byte[] bytes) {
              call.send(200, bytes, NDJSON);
            } else {
              call.send(200, (ObjectNode) body);
            }
          })
          .onFailure(call::fail);
    } catch (RuntimeException e) {
      call.fail(e);
    }
  }

  /** The work of one request, parsed and checked before it waits on the log. */
  @FunctionalInterface
  private interface Request {
    Object run();
  }

  private Request request(Call call, ResourceType type) {
    String name = call.info().name();
    HistoryParams p = HistoryParams.parse(call.query(), type, name != null);
    boolean table = Negotiation.wantsTable(call.ctx().request().getHeader("Accept"));
    IncludeObject include = include(call);
    Printer printer = type == HistoryTypes.VERSIONS ? HistoryPrinters.versions() : HistoryPrinters.auditEvents();
    if (name != null) {
      return () -> {
        ObjectNode item = type == HistoryTypes.VERSIONS ? versions.get(call.info().namespace(), name)
            : audits.get(offset(name));
        if (item == null) {
          throw new ApiException(404, "NotFound", type.resource() + "." + HistoryTypes.GROUP + " \"" + name
              + "\" not found", name, HistoryTypes.GROUP, type.resource(), null);
        }
        return table ? Tables.toTable(printer, List.<JsonNode>of(item), include,
            item.path("metadata").path("resourceVersion").asText(), null, null, System.currentTimeMillis()) : item;
      };
    }
    if (p.export()) {
      AuditFilter filter = new AuditFilter(p.fields(), p.since(), p.until());
      return () -> export(filter, p.limit() == Integer.MAX_VALUE ? EXPORT_DEFAULT_MAX : p.limit(), p.atMost());
    }
    if (type == HistoryTypes.VERSIONS) {
      VersionFilter filter = new VersionFilter(p.fields(), p.labels(), call.namespace(), p.since(), p.until());
      return () -> respond(type, versions.list(filter, p.after(), p.limit(), p.atMost()), table, include, printer);
    }
    AuditFilter filter = new AuditFilter(p.fields(), p.since(), p.until());
    return () -> respond(type, audits.list(filter, p.after(), p.limit(), p.atMost()), table, include, printer);
  }

  private static ObjectNode respond(ResourceType type, Page page, boolean table, IncludeObject include,
      Printer printer) {
    String rv = Long.toString(page.resourceVersion());
    if (table) {
      return Tables.toTable(printer, List.<JsonNode>copyOf(page.items()), include, rv, page.continueToken(), null,
          System.currentTimeMillis());
    }
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("kind", type.kind() + "List").put("apiVersion", HistoryTypes.API_VERSION);
    ObjectNode meta = list.putObject("metadata").put("resourceVersion", rv);
    if (page.continueToken() != null) {
      meta.put("continue", page.continueToken());
    }
    list.putArray("items").addAll(page.items());
    return list;
  }

  private byte[] export(AuditFilter filter, int max, long atMost) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    audits.each(filter, max, atMost, (Audit a) -> {
      ResourceType t = a.key().isEmpty() ? null
          : versions.type(Key.parse(a.key()).group(), Key.parse(a.key()).resource());
      out.writeBytes(Json.bytes(AuditItems.kubeEvent(a, t)));
      out.write('\n');
    });
    return out.toByteArray();
  }

  private static IncludeObject include(Call call) {
    try {
      return IncludeObject.parse(call.param("includeObject"));
    } catch (TableException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static long offset(String name) {
    try {
      return Long.parseLong(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
