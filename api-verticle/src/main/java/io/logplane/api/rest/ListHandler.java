package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.ApiContext;
import io.logplane.api.http.ApiException;
import io.logplane.selectors.FieldSelector;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import io.logplane.projections.Json;
import io.logplane.projections.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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

  public ListHandler(ApiContext api, Reads reads, Present present) {
    this.api = api;
    this.reads = reads;
    this.present = present;
  }

  /** The page a scan produced. */
  record Page(long resourceVersion, List<byte[]> items, String continueToken) {}

  public void handle(Call call) {
    Predicate<JsonNode> filter = filter(call);
    int limit = limit(call.param("limit"));
    JsonNode token = token(call.param("continue"));
    String start = token == null ? null : token.path("start").asText();
    long exact = exactVersion(call);
    long at = token != null ? token.path("rv").asLong() : exact;
    reads.barrier(call)
        .compose(applied -> api.vertx().executeBlocking(() -> scan(call, filter, limit, start, at), false))
        .onSuccess(page -> respond(call, page))
        .onFailure(call::fail);
  }

  static Predicate<JsonNode> filter(Call call) {
    try {
      String ls = call.param("labelSelector");
      String fs = call.param("fieldSelector");
      LabelSelector labels = ls == null || ls.isBlank() ? null : LabelSelector.parse(ls);
      FieldSelector fields = fs == null || fs.isBlank() ? null : FieldSelector.parse(call.type().kind(), fs);
      if (labels == null && fields == null) {
        return null;
      }
      return o -> (labels == null || labels.matches(o.path("metadata").get("labels")))
          && (fields == null || fields.matches(o));
    } catch (SelectorException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static int limit(String value) {
    if (value == null || value.isEmpty()) {
      return Integer.MAX_VALUE;
    }
    try {
      int n = Integer.parseInt(value);
      return n <= 0 ? Integer.MAX_VALUE : n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid limit \"" + value + "\"");
    }
  }

  private static JsonNode token(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    try {
      JsonNode t = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
      if (!t.has("rv") || !t.has("start")) {
        throw new IllegalArgumentException("missing fields");
      }
      return t;
    } catch (Exception e) {
      throw ApiException.badRequest("continue key is not valid: " + e.getMessage());
    }
  }

  /**
   * The version of {@code resourceVersionMatch=Exact} (time travel), or -1 for the latest
   * state. NotOlderThan is the latest state once it reaches the version (the read barrier).
   */
  static long exactVersion(Call call) {
    String match = call.param("resourceVersionMatch");
    if (match == null || match.isEmpty()) {
      return -1;
    }
    String rv = call.param("resourceVersion");
    if (rv == null || rv.isEmpty()) {
      throw ApiException.badRequest("resourceVersionMatch is forbidden unless resourceVersion is provided");
    }
    if (match.equals("NotOlderThan")) {
      return -1;
    }
    if (!match.equals("Exact")) {
      throw ApiException.badRequest("resourceVersionMatch: Unsupported value: \"" + match
          + "\": supported values: \"Exact\", \"NotOlderThan\"");
    }
    long n = Reads.parseVersion(rv);
    if (n == 0) {
      throw ApiException.badRequest("resourceVersionMatch \"Exact\" is forbidden for resourceVersion \"0\"");
    }
    return n;
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
        token = Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(t));
      }
      return new Page(snap.appliedOffset(), items, token);
    }
  }

  private void respond(Call call, Page page) {
    String rv = Long.toString(page.resourceVersion());
    if (Negotiation.wantsTable(call.ctx().request().getHeader("Accept"))) {
      List<JsonNode> objects = new ArrayList<>(page.items().size());
      for (byte[] b : page.items()) {
        objects.add(present.object(call.type(), Json.object(b)));
      }
      ObjectNode table = new TableView(api, call).list(objects, rv, page.continueToken());
      call.send(200, table);
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + page.items().size() * 1024);
    ObjectNode meta = Json.MAPPER.createObjectNode().put("resourceVersion", rv);
    if (page.continueToken() != null) {
      meta.put("continue", page.continueToken());
    }
    out.writeBytes(("{\"kind\":\"" + call.type().kind() + "List\",\"apiVersion\":\"" + call.type().apiVersion()
        + "\",\"metadata\":" + meta + ",\"items\":[").getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < page.items().size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(present.bytes(call.type(), page.items().get(i)));
    }
    out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    call.send(200, out.toByteArray(), "application/json");
  }
}
