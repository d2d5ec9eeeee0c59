package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.ApiContext;
import io.logplane.api.rbac.PastSecrets;
import io.logplane.projections.Json;
import io.logplane.projections.Store;
import io.vertx.core.Context;
import io.logplane.api.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * GET of a collection: a consistent scan of one RocksDB snapshot, filtered by label and field
 * selectors, paged by limit/continue, answered as the kind's List (items copied as stored
 * bytes, not re-encoded) or as a Table.
 */
public final class ListHandler {

  private final ApiContext api;
  private final Reads reads;
  private final Present present;
  private final PastSecrets pastSecrets;

  public ListHandler(ApiContext api, Reads reads, Present present, PastSecrets pastSecrets) {
    this.pastSecrets = pastSecrets;
    this.api = api;
    this.reads = reads;
    this.present = present;
  }

  /** The page a scan produced. */
  record Page(long resourceVersion, List<byte[]> items, String continueToken) {}

  public void handle(Call call) {
    ReadOptions opts = ReadOptions.parse(call.query(), call.type());
    long at = opts.continueStart() != null ? opts.continueVersion() : opts.exact();
    if (opts.limit() == Integer.MAX_VALUE && opts.continueStart() == null
        && !Negotiation.wantsTable(call.ctx().request().getHeader("Accept"))) {
      stream(call, opts, at);
      return;
    }
    reads.barrier(call)
        .compose(applied -> api.vertx().executeBlocking(() -> {
          Page page = scan(call, opts.selectors(), opts.limit(), opts.continueStart(), at);
          if (opts.exact() >= 0 && Present.isSecret(call.type())) {
            page.items().replaceAll(stored -> pastSecrets.view(call.user(), stored, opts.exact()));
          }
          return page;
        }, false))
        .onSuccess(page -> respond(call, page))
        .onFailure(call::fail);
  }

  /** A whole list, sent while it is read ({@link ListStream}). */
  private void stream(Call call, ReadOptions opts, long at) {
    Context context = api.vertx().getOrCreateContext();
    Predicate<JsonNode> filter = opts.selectors();
    boolean past = opts.exact() >= 0 && Present.isSecret(call.type());
    reads.barrier(call).compose(applied -> api.vertx().executeBlocking(() -> {
      Store store = api.projection().store();
      try (Store.Snapshot snap = at >= 0 ? store.at(at) : store.snapshot()) {
        ListStream out = new ListStream(call, context, head(call, snap.appliedOffset(), null));
        try {
          snap.scan(call.type().listPrefix(call.namespace()), null, (key, json) -> {
            if (filter != null && !filter.test(Json.object(json))) {
              return true;
            }
            out.item(present.bytes(call.type(), past ? pastSecrets.view(call.user(), json, opts.exact()) : json));
            return !out.gone();
          });
          out.finish();
        } catch (RuntimeException e) {
          if (!out.started()) {
            throw e;
          }
          out.abort();
          org.slf4j.LoggerFactory.getLogger(ListHandler.class).error("list {} cut", call.requestId(), e);
        }
      }
      return null;
    }, false)).onFailure(call::fail);
  }

  /** The list's JSON up to its items: kind, apiVersion, metadata, then {@code "items":[}. */
  private static String head(Call call, long resourceVersion, String continueToken) {
    ObjectNode meta = Json.MAPPER.createObjectNode().put("resourceVersion", Long.toString(resourceVersion));
    if (continueToken != null) {
      meta.put("continue", continueToken);
    }
    return "{\"kind\":\"" + call.type().kind() + "List\",\"apiVersion\":\"" + call.type().apiVersion()
        + "\",\"metadata\":" + meta + ",\"items\":[";
  }

  private Page scan(Call call, Predicate<JsonNode> filter, int limit, String start, long at) {
    List<byte[]> items = new ArrayList<>();
    String[] last = new String[1];
    boolean[] more = new boolean[1];
    Store store = api.projection().store();
    try (Store.Snapshot snap = at >= 0 ? store.at(at) : store.snapshot()) {
      snap.scan(call.type().listPrefix(call.namespace()), start, (key, json) -> {
        if (filter != null && !filter.test(Json.object(json))) {
          return true;
        }
        if (items.size() == limit) {
          more[0] = true;
          return false;
        }
        items.add(json);
        last[0] = key;
        return true;
      });
      String token = null;
      if (more[0]) {
        ObjectNode t = Json.MAPPER.createObjectNode().put("rv", snap.appliedOffset()).put("start", last[0]);
        token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(t));
      }
      return new Page(snap.appliedOffset(), items, token);
    }
  }

  private void respond(Call call, Page page) {
    String rv = Long.toString(page.resourceVersion());
    if (Negotiation.wantsTable(call.ctx().request().getHeader("Accept"))) {
      List<JsonNode> objects = new ArrayList<>(page.items().size());
      for (byte[] b : page.items()) {
        objects.add(present.printable(call.type(), Json.object(b)));
      }
      ObjectNode table = new TableView(api, call).list(objects, rv, page.continueToken());
      call.send(200, table);
      return;
    }
    // One array of the answer's exact size, each item copied into it once (a growing stream
    // then toByteArray then Vert.x's Buffer copied a list of thousands of pods three times more).
    List<byte[]> items = page.items();
    byte[] head = head(call, page.resourceVersion(), page.continueToken()).getBytes(StandardCharsets.UTF_8);
    long size = head.length + 2L + Math.max(0, items.size() - 1);
    for (int i = 0; i < items.size(); i++) {
      byte[] shown = present.bytes(call.type(), items.get(i));
      items.set(i, shown);
      size += shown.length;
    }
    if (size > Integer.MAX_VALUE - 16) {
      call.fail(ApiException.of(500, "InternalError", "the list is over 2 GiB: list it in pages (limit)"));
      return;
    }
    byte[] body = new byte[(int) size];
    System.arraycopy(head, 0, body, 0, head.length);
    int at = head.length;
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        body[at++] = ',';
      }
      byte[] item = items.get(i);
      System.arraycopy(item, 0, body, at, item.length);
      at += item.length;
    }
    body[at++] = ']';
    body[at] = '}';
    call.send(200, body, "application/json");
  }
}
