package io.logplane.api.auth;

import io.logplane.api.http.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kube's impersonation filter: a request with {@code Impersonate-*} headers ({@code kubectl
 * --as}, {@code --as-group}, {@code --as-uid}) runs as the identity it names when its caller may
 * {@code impersonate} each part of it (the user or service account, each group, each extra value,
 * the uid), asked of the authorizer in the filter's order; the first refused gets the 403 kube's
 * filter gives, with the authorizer's reason. The identity is the user named, with the groups
 * named (a service account's own groups when none are), {@code system:authenticated} added, the
 * extra values and the uid. Groups, extra values or a uid without a user are an error, as in kube.
 */
public final class Impersonation {

  private static final String AUTHENTICATION = "authentication.k8s.io";
  private static final String SERVICE_ACCOUNT = "system:serviceaccount:";
  private static final String AUTHENTICATED = "system:authenticated";

  /** One identity asked for: what the caller must be allowed to impersonate. */
  private record Asked(String resource, String group, String namespace, String name) {}

  private Impersonation() {}

  /**
   * The user a request acts as: {@code caller} without impersonation headers, else the identity
   * they name.
   *
   * @param headers the request's headers, names in any case
   * @throws ApiException 403 when the caller may not impersonate a part of it, 500 for groups,
   *                      extra values or a uid without a user (kube's answer)
   */
  public static User impersonate(Iterable<Map.Entry<String, String>> headers, User caller, Authorizer authorizer) {
    String user = null;
    List<String> groups = new ArrayList<>();
    Map<String, List<String>> extra = new LinkedHashMap<>();
    String uid = null;
    for (Map.Entry<String, String> h : headers) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      String value = h.getValue();
      if (name.equals("impersonate-user") && user == null && !value.isEmpty()) {
        user = value;
      } else if (name.equals("impersonate-group")) {
        groups.add(value);
      } else if (name.startsWith("impersonate-extra-")) {
        extra.computeIfAbsent(unescape(name.substring("impersonate-extra-".length())), k -> new ArrayList<>())
            .add(value);
      } else if (name.equals("impersonate-uid") && uid == null && !value.isEmpty()) {
        uid = value;
      }
    }
    if (user == null) {
      if (groups.isEmpty() && extra.isEmpty() && uid == null) {
        return caller;
      }
      throw ApiException.of(500, "InternalError", "Internal error occurred: requested impersonation of"
          + (groups.isEmpty() ? "" : " groups " + groups) + (extra.isEmpty() ? "" : " extra " + extra.keySet())
          + (uid == null ? "" : " uid " + uid) + " without impersonating a user");
    }
    List<Asked> asked = new ArrayList<>();
    String[] sa = user.startsWith(SERVICE_ACCOUNT) ? user.substring(SERVICE_ACCOUNT.length()).split(":", -1) : null;
    boolean serviceAccount = sa != null && sa.length == 2 && !sa[0].isEmpty() && !sa[1].isEmpty();
    asked.add(serviceAccount ? new Asked("serviceaccounts", "", sa[0], sa[1]) : new Asked("users", "", null, user));
    groups.forEach(g -> asked.add(new Asked("groups", "", null, g)));
    extra.forEach((k, values) -> values.forEach(v -> asked.add(new Asked("userextras/" + k, AUTHENTICATION, null, v))));
    if (uid != null) {
      asked.add(new Asked("uids", AUTHENTICATION, null, uid));
    }
    for (Asked a : asked) {
      int slash = a.resource().indexOf('/');
      String resource = slash < 0 ? a.resource() : a.resource().substring(0, slash);
      String sub = slash < 0 ? null : a.resource().substring(slash + 1);
      Authorizer.Decision d = authorizer.authorize(caller,
          new Authorizer.Attributes("impersonate", a.group(), resource, sub, a.namespace(), a.name(), null));
      if (!d.allowed()) {
        throw forbidden(caller, a.resource(), a.group(), a.name(), a.namespace(), d.reason());
      }
    }
    List<String> as = new ArrayList<>(groups);
    if (serviceAccount && groups.isEmpty()) {
      as.add("system:serviceaccounts");
      as.add("system:serviceaccounts:" + sa[0]);
    }
    if (!as.contains(AUTHENTICATED) && !as.contains("system:unauthenticated")) {
      as.add(AUTHENTICATED);
    }
    return new User(user, as, uid, extra);
  }

  /** As kube's {@code NewForbidden} over its authorizer's message, naming what was asked for. */
  private static ApiException forbidden(User caller, String resource, String group, String name, String namespace,
      String reason) {
    String kind = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
    String qualified = group.isEmpty() ? kind : kind + "." + group;
    String scope = namespace == null ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
    String message = qualified + " \"" + name + "\" is forbidden: User \"" + caller.name()
        + "\" cannot impersonate resource \"" + resource + "\" in API group \"" + group + "\" " + scope
        + (reason.isEmpty() ? "" : ": " + reason);
    return new ApiException(403, "Forbidden", message, name, group, kind, null);
  }

  /** Extra keys arrive percent-encoded (header names cannot hold every key); kept raw when that fails. */
  private static String unescape(String key) {
    try {
      return URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return key;
    }
  }
}
