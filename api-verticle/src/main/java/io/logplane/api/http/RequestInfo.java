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

  /**
   * Refuses a name that no path segment may be, as kube's storage does before it reads or
   * writes anything ({@code NamespaceKeyFunc}: 400 "Name parameter invalid"): "." or ".." (also
   * when written {@code %2e%2e}), or one holding a '/' or '%' once its escapes are decoded, as
   * Go decodes a path. Otherwise such a name would only be looked up and not found.
   *
   * @throws ApiException 400 BadRequest
   */
  public void requireValidName() {
    if (name == null) {
      return;
    }
    String decoded = pathDecoded(name);
    java.util.List<String> errs = new java.util.ArrayList<>();
    if (decoded.equals(".") || decoded.equals("..")) {
      errs.add("may not be '" + decoded + "'");
    } else {
      for (String bad : new String[] {"/", "%"}) {
        if (decoded.contains(bad)) {
          errs.add("may not contain '" + bad + "'");
        }
      }
    }
    if (!errs.isEmpty()) {
      throw ApiException.badRequest("Name parameter invalid: \"" + decoded + "\": " + String.join(";", errs));
    }
  }

  /** A path segment with its %XX escapes decoded (as UTF-8, bad bytes replaced); as sent when one is malformed. */
  private static String pathDecoded(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int hi = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          return raw;
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
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
