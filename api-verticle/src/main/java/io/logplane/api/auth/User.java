package io.logplane.api.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An authenticated caller, as kube-apiserver's {@code user.Info}: a name, the groups it belongs
 * to, a uid and extra values (a service account's token names its pod there). The authorizer
 * ({@link io.logplane.api.rbac.RbacAuthorizer}) decides on the name and groups; the admin
 * credentials carry {@code system:masters}.
 *
 * @param name the user name, never blank
 * @param groups the groups, in the order the credential listed them; never null
 * @param uid the user's uid, empty when the credential names none
 * @param extra kube's extra values by key, in the order they were added; never null
 */
public record User(String name, List<String> groups, String uid, Map<String, List<String>> extra) {

  /** The group kube-apiserver grants every permission to. */
  public static final String MASTERS = "system:masters";

  public User {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("user name must not be blank");
    }
    groups = List.copyOf(groups);
    uid = uid == null ? "" : uid;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    extra.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    extra = java.util.Collections.unmodifiableMap(copy);
  }

  /** A user with no uid and no extra values (a certificate's, a static token's). */
  public User(String name, List<String> groups) {
    this(name, groups, "", Map.of());
  }
}
