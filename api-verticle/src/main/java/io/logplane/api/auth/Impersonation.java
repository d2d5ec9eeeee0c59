package io.logplane.api.auth;

import io.logplane.api.http.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Impersonation is refused until it is authorized. A request with kube's {@code Impersonate-*}
 * headers ({@code kubectl --as}, {@code --as-group}, {@code --as-uid}) asks to run as someone
 * else; served as its caller, it would be recorded as the caller, not as whom the client named.
 * Until an authorizer decides who may impersonate whom, such a request for objects or their
 * history gets the 403 that kube-apiserver's impersonation filter gives a caller it does not
 * allow, for the first identity asked for in the filter's order (the user or service account,
 * groups, extra values, uid), with the reason. Discovery and OpenAPI, the same for every caller,
 * are served: kube refuses them too, but client-go's discovery client shows that refusal as
 * "unknown", so kubectl would never say why.
 */
public final class Impersonation {

  static final String REASON = "impersonation is not supported yet";
  private static final String AUTHENTICATION = "authentication.k8s.io";
  private static final String SERVICE_ACCOUNT = "system:serviceaccount:";

  private Impersonation() {}

  /**
   * @param headers the request's headers, names in any case
   * @throws ApiException 403 when they ask to impersonate anyone
   */
  public static void refuse(Iterable<Map.Entry<String, String>> headers, User caller) {
    String user = null;
    String group = null;
    String extraKey = null;
    String extraValue = null;
    String uid = null;
    for (Map.Entry<String, String> h : headers) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      String value = h.getValue();
      if (name.equals("impersonate-user") && user == null && !value.isEmpty()) {
        user = value;
      } else if (name.equals("impersonate-group") && group == null) {
        group = value;
      } else if (name.startsWith("impersonate-extra-") && extraKey == null) {
        extraKey = unescape(name.substring("impersonate-extra-".length()));
        extraValue = value;
      } else if (name.equals("impersonate-uid") && uid == null && !value.isEmpty()) {
        uid = value;
      }
    }
    if (user != null) {
      String[] sa = user.startsWith(SERVICE_ACCOUNT) ? user.substring(SERVICE_ACCOUNT.length()).split(":", -1) : null;
      if (sa != null && sa.length == 2 && !sa[0].isEmpty() && !sa[1].isEmpty()) {
        throw forbidden(caller, "serviceaccounts", "", sa[1], sa[0]);
      }
      throw forbidden(caller, "users", "", user, null);
    }
    if (group != null) {
      throw forbidden(caller, "groups", "", group, null);
    }
    if (extraKey != null) {
      throw forbidden(caller, "userextras/" + extraKey, AUTHENTICATION, extraValue, null);
    }
    if (uid != null) {
      throw forbidden(caller, "uids", AUTHENTICATION, uid, null);
    }
  }

  /** As kube's {@code NewForbidden} over its authorizer's message, naming what was asked for. */
  private static ApiException forbidden(User caller, String resource, String group, String name, String namespace) {
    String kind = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
    String qualified = group.isEmpty() ? kind : kind + "." + group;
    String scope = namespace == null ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
    String message = qualified + " \"" + name + "\" is forbidden: User \"" + caller.name()
        + "\" cannot impersonate resource \"" + resource + "\" in API group \"" + group + "\" " + scope + ": "
        + REASON;
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
