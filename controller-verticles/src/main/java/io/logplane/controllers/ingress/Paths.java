package io.logplane.controllers.ingress;

/**
 * Path matching as the Ingress API says: {@code Exact} matches the URL path exactly (case
 * sensitive); {@code Prefix} matches element by element split by {@code /} ({@code /foo/bar}
 * matches {@code /foo/bar} and {@code /foo/bar/baz}, not {@code /foo/barbaz}; a trailing slash of
 * the rule is ignored). {@code ImplementationSpecific} is served as {@code Prefix}.
 */
final class Paths {

  private Paths() {}

  static boolean matches(String type, String rulePath, String requestPath) {
    if ("Exact".equals(type)) {
      return rulePath.equals(requestPath);
    }
    String prefix = rulePath.endsWith("/") ? rulePath.substring(0, rulePath.length() - 1) : rulePath;
    if (prefix.isEmpty()) {
      return true;
    }
    return requestPath.startsWith(prefix)
        && (requestPath.length() == prefix.length() || requestPath.charAt(prefix.length()) == '/');
  }

  /** The path part of a request URI: no query, no fragment, {@code /} when empty. */
  static String of(String uri) {
    int end = uri.length();
    for (char c : new char[] {'?', '#'}) {
      int i = uri.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String p = uri.substring(0, end);
    return p.isEmpty() ? "/" : p;
  }
}
