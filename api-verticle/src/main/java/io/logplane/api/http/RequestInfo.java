package io.logplane.api.http;

/**
 * What a resource URL names, parsed as the kube-apiserver's RequestInfoFactory does:
 * {@code /api/v1[/namespaces/NS]/RESOURCE[/NAME[/SUB]]} and the same under
 * {@code /apis/GROUP/VERSION}. A namespace's own URL ({@code /api/v1/namespaces/NS}) names the
 * namespace object.
 */
public record RequestInfo(String group, String version, String namespace, String resource, String name,
    String subresource) {

  /** Parses a resource path; null when the path is not a resource URL. */
  public static RequestInfo parse(String path) {
    String[] p = segments(path);
    int i;
    String group;
    String version;
    if (p.length >= 3 && p[0].equals("api")) {
      group = "";
      version = p[1];
      i = 2;
    } else if (p.length >= 4 && p[0].equals("apis")) {
      group = p[1];
      version = p[2];
      i = 3;
    } else {
      return null;
    }
    String namespace = null;
    if (p[i].equals("namespaces") && p.length - i >= 2) {
      boolean nsSub = p.length - i == 3 && (p[i + 2].equals("status") || p[i + 2].equals("finalize"));
      if (p.length - i == 2 || nsSub) {
        return new RequestInfo(group, version, null, "namespaces", p[i + 1], nsSub ? p[i + 2] : null);
      }
      namespace = p[i + 1];
      i += 2;
    }
    if (p.length - i < 1 || p.length - i > 3) {
      return null;
    }
    String resource = p[i];
    String name = p.length - i >= 2 ? p[i + 1] : null;
    String sub = p.length - i == 3 ? p[i + 2] : null;
    return new RequestInfo(group, version, namespace, resource, name, sub);
  }

  /** The segments of a path between its leading and trailing slashes. */
  public static String[] segments(String path) {
    int from = 0;
    int to = path.length();
    while (from < to && path.charAt(from) == '/') {
      from++;
    }
    while (to > from && path.charAt(to - 1) == '/') {
      to--;
    }
    return path.substring(from, to).split("/");
  }
}
