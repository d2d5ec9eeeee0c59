package io.logplane.api.auth;

import java.util.List;
import java.util.Objects;

/**
 * An authenticated caller, as kube-apiserver's {@code user.Info}: a name and the groups it
 * belongs to. Nothing authorizes yet: every authenticated caller may do anything but read the
 * server's metrics, kept to {@code system:masters} as kube's default policy keeps them. The groups
 * are kept, and the admin credentials carry {@code system:masters}, so that the credentials
 * issued now mean what kube-apiserver's do once an authorizer decides on them.
 *
 * @param name the user name, never blank
 * @param groups the groups, in the order the credential listed them; never null
 */
public record User(String name, List<String> groups) {

  /** The group kube-apiserver grants every permission to. */
  public static final String MASTERS = "system:masters";

  public User {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("user name must not be blank");
    }
    groups = List.copyOf(groups);
  }
}
