package io.logplane.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.http.ApiException;
import io.logplane.api.patch.PatchException;
import io.logplane.api.patch.ServerSideApply;
import java.util.List;

/** Field ownership (metadata.managedFields) of non-apply writes, and patch errors as Status. */
final class Fields {

  private Fields() {}

  /** The object with the fields this write changed owned by the request's field manager. */
  static ObjectNode track(Call call, ObjectNode before, ObjectNode after, String subresource, String time) {
    try {
      return ServerSideApply.trackUpdate(before, after, manager(call), ServerSideApply.UPDATE,
          subresource == null || subresource.isEmpty() ? null : subresource, call.type(), time);
    } catch (PatchException e) {
      throw status(e);
    }
  }

  static String manager(Call call) {
    String m = call.param("fieldManager");
    if (m != null && !m.isEmpty()) {
      return m; // its length and characters were checked with the request's options
    }
    String name = ServerSideApply.managerFromUserAgent(call.ctx().request().getHeader("User-Agent"));
    return name.isEmpty() ? "unknown" : name;
  }

  static ApiException status(PatchException e) {
    List<ApiException.Cause> causes = e.causes().stream()
        .map(c -> new ApiException.Cause(c.type(), c.message(), c.field())).toList();
    return new ApiException(e.code(), e.reason(), e.getMessage(), null, null, null, causes);
  }
}
