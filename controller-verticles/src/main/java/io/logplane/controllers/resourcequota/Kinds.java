package io.logplane.controllers.resourcequota;

/** Which kind's objects use a quota resource: the key prefix to count it from. */
final class Kinds {

  private Kinds() {}

  static String prefixOf(String resource) {
    if (resource.startsWith("count/")) {
      String r = resource.substring("count/".length());
      int dot = r.indexOf('.');
      return dot < 0 ? "core/" + r + "/" : r.substring(dot + 1) + "/" + r.substring(0, dot) + "/";
    }
    if (resource.startsWith("services")) {
      return "core/services/";
    }
    return switch (resource) {
      case "configmaps", "secrets", "persistentvolumeclaims", "replicationcontrollers", "resourcequotas" ->
          "core/" + resource + "/";
      case "requests.storage" -> "core/persistentvolumeclaims/";
      default -> "core/pods/";
    };
  }
}
