package io.logplane.api.rest;

/** What representation a reader asked for in its Accept header. */
public final class Negotiation {

  private Negotiation() {}

  /** True when the client asked for a {@code meta.k8s.io Table} (kubectl get does). */
  public static boolean wantsTable(String accept) {
    if (accept == null) {
      return false;
    }
    for (String part : accept.split(",")) {
      String p = part.replace(" ", "");
      if (p.contains("as=Table") && p.contains("g=meta.k8s.io")) {
        return true;
      }
      if (p.startsWith("application/json") && !p.contains("as=")) {
        return false;
      }
    }
    return false;
  }
}
