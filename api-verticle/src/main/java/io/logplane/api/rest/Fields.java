package io.logplane.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Field ownership (metadata.managedFields) of non-apply writes. */
final class Fields {

  private Fields() {}

  /** Records the fields a write changed under the request's fieldManager. */
  static void track(Call call, ObjectNode before, ObjectNode after, String operation) {
    // filled in by the managed-fields tracker of the patch package
  }

  static String manager(Call call) {
    String m = call.param("fieldManager");
    if (m != null && !m.isEmpty()) {
      return m;
    }
    String agent = call.ctx().request().getHeader("User-Agent");
    if (agent == null || agent.isEmpty()) {
      return "unknown";
    }
    int slash = agent.indexOf('/');
    return slash > 0 ? agent.substring(0, slash) : agent;
  }
}
