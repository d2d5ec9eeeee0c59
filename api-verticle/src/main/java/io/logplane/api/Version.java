package io.logplane.api;

import io.logplane.projections.Json;

/** {@code /version}: the Kubernetes API level Logplane serves (kubectl picks its binary by it). */
final class Version {

  static final String GIT_VERSION = "v1.32.0";

  private Version() {}

  static byte[] json() {
    var v = Json.MAPPER.createObjectNode();
    v.put("major", "1").put("minor", "32").put("gitVersion", GIT_VERSION)
        .put("gitCommit", "logplane").put("gitTreeState", "clean").put("buildDate", "2026-11-22T00:00:00Z")
        .put("goVersion", "java" + Runtime.version().feature()).put("compiler", "javac")
        .put("platform", System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch"));
    return Json.bytes(v);
  }
}
